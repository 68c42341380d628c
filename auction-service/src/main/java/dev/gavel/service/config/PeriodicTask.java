package dev.gavel.service.config;

import java.time.Duration;

/** Work the service repeats while it runs. */
record PeriodicTask(String name, Duration interval, Runnable work) {}
