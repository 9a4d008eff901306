package dev.warroom.sim;

/** Exact percentiles by selection (nearest rank), without sorting the whole bucket. */
final class Select {
    private Select() {
    }

    /** The nearest-rank p-quantile of the first n values; reorders them. */
    static long percentile(long[] a, int n, double p) {
        int k = Math.max(0, Math.min(n - 1, (int) Math.ceil(p * n) - 1));
        int lo = 0;
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
