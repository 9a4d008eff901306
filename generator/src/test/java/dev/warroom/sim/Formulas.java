package dev.warroom.sim;

/** The queueing formulas the simulator is checked against (DESIGN §3, item 11). */
final class Formulas {
    private Formulas() {
    }

    /** Erlang B: the share of arrivals rejected by c servers with no queue, offered load A = λ/μ. */
    static double erlangB(int c, double a) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k <= c; k++) {
            term *= a / k;
            sum += term;
        }
        return term / sum;
    }

    /** Erlang C: the probability that an arrival waits, M/M/c with A = λ/μ < c. */
    static double erlangC(int c, double a) {
        double term = 1;
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double top = term * c / (c - a); // A^c/c! · c/(c−A)
        return top / (sum + top);
    }

    /** M/M/c mean wait in queue, seconds. */
    static double mmcWq(int c, double lambda, double mu) {
        return erlangC(c, lambda / mu) / (c * mu - lambda);
    }

    /** M/D/1 mean wait in queue, seconds: ρ / (2μ(1−ρ)). */
    static double md1Wq(double lambda, double mu) {
        double rho = lambda / mu;
        return rho / (2 * mu * (1 - rho));
    }

    /** Expected attempts per call with independent failure probability p and at most a attempts. */
    static double expectedAttempts(double p, int a) {
        return (1 - Math.pow(p, a)) / (1 - p);
    }
}
