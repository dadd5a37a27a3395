package dev.secretbaker.maven.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * Runs a Lambda stream handler as Lambda's Java runtime does, in a JVM of its own whose environment is the
 * function's: creates the handler once (the cold start), then invokes it once per event given, printing each
 * answer on a line of its own.
 *
 * <p>Arguments: the handler class, then one JSON event per invocation.
 */
public final class LambdaInvocation {

    private LambdaInvocation() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> handlerClass = loader.loadClass(args[0]);
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Object context = Proxy.newProxyInstance(loader, new Class<?>[] {contextType},
                (proxy, method, arguments) -> defaultValue(method));
        Object handler = handlerClass.getConstructor().newInstance();
        Method handle = handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
        for (int i = 1; i < args.length; i++) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handle.invoke(handler, new ByteArrayInputStream(args[i].getBytes(StandardCharsets.UTF_8)), answer, context);
            System.out.println("ANSWER " + answer.toString(StandardCharsets.UTF_8));
        }
    }

    /** A Context that answers like an idle Lambda: names and ids as text, numbers as zero. */
    private static Object defaultValue(Method method) {
        Class<?> type = method.getReturnType();
        if (type == String.class) {
            return "lambda-invocation";
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
