package dev.secretbaker.local;

import java.net.HttpURLConnection;
import java.net.URL;

/** Run in a fresh JVM by {@link TlsIntegrationTest}: opens a URL with the JDK's default HTTPS trust. */
public final class TlsProbe {

    public static void main(String[] args) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
        try {
            System.out.println("status=" + connection.getResponseCode());
        } catch (Exception e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
