package dev.warroom.bank;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one problem on a thread of its own, so that a defect of the validator on one problem
 * (an exception, a stack overflow, a hang) becomes a located internal error for that problem
 * and the others' errors are still reported.
 */
final class Isolated {
    /** Generous: the readers recurse only as deep as {@link Limits} allow. */
    private static final long STACK_BYTES = 16L * 1024 * 1024;

    private Isolated() {
    }

    static Problem read(Bank.Reader reader, Path folder, String display, List<BankError> errors, Duration limit) {
        List<BankError> own = new ArrayList<>();
        CompletableFuture<Problem> result = new CompletableFuture<>();
        Thread t = new Thread(null, () -> {
            try {
                result.complete(reader.read(folder, display, own));
            } catch (Throwable e) { // a defect, whatever it is: reported below
                result.completeExceptionally(e);
            }
        }, "validate " + display, STACK_BYTES);
        t.setDaemon(true); // a hung one must not keep the JVM alive
        t.start();
        String file = display + "/" + ProblemReader.PROBLEM_FILE;
        try {
            Problem p = result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            errors.addAll(own);
            return p;
        } catch (TimeoutException e) {
            t.interrupt();
            errors.add(new BankError(file, 0, 0, "", "internal error: validating this problem took longer than "
                    + limit.toSeconds() + " s; the other problems were checked (please report this with the file)"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            errors.addAll(own); // the thread has ended: what it found stands
            errors.add(new BankError(file, 0, 0, "", "internal error: validating this problem failed with "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + shorten(cause.getMessage()) + ")")
                    + "; the other problems were checked (please report this with the file)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add(new BankError(file, 0, 0, "", "validation interrupted"));
        }
        return null;
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
