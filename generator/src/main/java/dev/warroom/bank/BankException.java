package dev.warroom.bank;

import java.util.List;

/** The bank has errors; {@link #errors()} lists every one of them, in file order. */
public final class BankException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<BankError> errors;

    public BankException(List<BankError> errors) {
        super(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the problem bank");
        this.errors = errors.stream().sorted(BankError.ORDER).toList();
    }

    public List<BankError> errors() {
        return errors;
    }
}
