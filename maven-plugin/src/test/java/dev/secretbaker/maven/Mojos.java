package dev.secretbaker.maven;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** Test helpers: parameters set as Maven sets them, and a log that keeps what a goal said. */
final class Mojos {

    private Mojos() {
    }

    /** Sets a parameter field as Maven does, by reflection. */
    static void set(Object mojo, String name, Object value) {
        for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(mojo, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared further up
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("No parameter field " + name);
    }

    /** Keeps every line at info level and above as "LEVEL text". */
    static final class RecordingLog implements Log {
        final List<String> lines = new ArrayList<>();

        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(CharSequence content) { }
        @Override public void debug(CharSequence content, Throwable error) { }
        @Override public void debug(Throwable error) { }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence content) { lines.add("INFO " + content); }
        @Override public void info(CharSequence content, Throwable error) { info(content); }
        @Override public void info(Throwable error) { info(String.valueOf(error)); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence content) { lines.add("WARN " + content); }
        @Override public void warn(CharSequence content, Throwable error) { warn(content); }
        @Override public void warn(Throwable error) { warn(String.valueOf(error)); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence content) { lines.add("ERROR " + content); }
        @Override public void error(CharSequence content, Throwable error) { error(content); }
        @Override public void error(Throwable error) { error(String.valueOf(error)); }
    }
}
