package dev.warroom.sim;

/** Exact percentiles by selection (nearest rank), without sorting the whole bucket. */
final class Select {
    private Select() {
    }

    /** Index of the nearest-rank p-quantile among n values. */
    static int rank(int n, double p) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(p * n) - 1));
    }

    /**
     * The k-th smallest (0-based) of the first n values, reordering them; k is at or after
     * {@code from}, and no value before {@code from} exceeds one after it. Leaves a[0..k) no
     * greater than a[k] and a(k..n) no less, so a higher rank's select may start at k.
     */
    static long select(long[] a, int from, int n, int k) {
        int lo = from;
        int hi = n - 1;
        while (lo < hi) {
            long pivot = median3(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static long median3(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
