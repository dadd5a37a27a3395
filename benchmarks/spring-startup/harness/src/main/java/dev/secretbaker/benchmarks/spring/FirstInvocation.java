package dev.secretbaker.benchmarks.spring;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * What Lambda's Java runtime does for a cold start, in the application's JVM: create the handler, invoke it once,
 * and print the answer on a line starting with {@code ANSWER} (the moment the harness measures), then the JVM's
 * CPU time until then on a line starting with {@code CPU}.
 */
public final class FirstInvocation {

    private FirstInvocation() {
    }

    public static void main(String[] args) throws Exception {
        Context context = (Context) Proxy.newProxyInstance(FirstInvocation.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, arguments) -> method.getReturnType() == String.class
                        ? "benchmark" : method.getReturnType() == int.class ? 0 : null);
        FunctionInvoker handler = new FunctionInvoker();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8)), answer,
                context);
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.println("ANSWER " + answer.toString(StandardCharsets.UTF_8));
        // CPU time of the whole JVM (all its threads) until the answer: less disturbed than wall time by other
        // processes on a shared machine.
        System.out.println("CPU " + cpuNanos);
        System.out.flush();
    }
}
