import com.example.hello.HelloHandler;
import java.util.Map;

/**
 * Calls the example function's handler once, as Lambda would, and prints its answer: run by
 * release/check-consumer with the function's credentials and the consumer project's shaded jar on the class path.
 */
public class InvokeHello {
    public static void main(String[] args) {
        Map<String, String> answer = new HelloHandler().handleRequest(Map.of("name", "Ada"), null);
        System.out.println("message=" + answer.get("message"));
        System.out.println("signature=" + answer.get("signature"));
    }
}
