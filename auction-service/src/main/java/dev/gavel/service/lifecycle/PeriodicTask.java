package dev.gavel.service.lifecycle;

import java.time.Duration;

/** Work the service repeats while it runs, every {@code interval}; once before it takes rounds, too. */
public record PeriodicTask(String name, Duration interval, Runnable work) {}
