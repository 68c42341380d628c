package dev.gavel.devtools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the threads intake runs on (Reactor's parallel scheduler, "parallel-N"): the service's CPU per
 * bid without the load generator's, which shares the JVM but runs on other threads.
 */
final class IntakeCpu {
    private static final String INTAKE_THREADS = "parallel-";

    private IntakeCpu() {}

    static long nanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith(INTAKE_THREADS)) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }
}
