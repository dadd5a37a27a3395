package canary;

public final class Handler {
    public String handle(String input) {
        return "ok";
    }
}
