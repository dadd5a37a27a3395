package it;

public class Function {
    public String handle() {
        return "ok";
    }
}
