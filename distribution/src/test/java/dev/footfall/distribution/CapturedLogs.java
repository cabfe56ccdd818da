package dev.footfall.distribution;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line this JVM writes at INFO and above while it is open, with its exception's
 * messages: what a secret must never be part of. (The tests' own configuration logs at WARN; this
 * lowers the root to INFO meanwhile, as a production deployment logs.)
 */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Level previousRoot;

    private CapturedLogs() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        previousRoot = root.getLevel();
        start();
        root.addAppender(this, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    static CapturedLogs open() {
        return new CapturedLogs();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                .append(event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        synchronized (lines) {
            lines.add(line.toString());
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(getName());
        root.setLevel(previousRoot);
        context.updateLoggers();
        stop();
    }
}
