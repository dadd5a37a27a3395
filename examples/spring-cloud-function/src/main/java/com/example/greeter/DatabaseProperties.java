package com.example.greeter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code app.db.*} from application.properties; the password there is {@code ${DB_PASSWORD}}, a baked secret. */
@ConfigurationProperties("app.db")
public class DatabaseProperties {

    private String url;
    private String user;
    private String password;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public String toString() {
        return "DatabaseProperties[url=" + url + ", user=" + user + ", password=****]";
    }
}
