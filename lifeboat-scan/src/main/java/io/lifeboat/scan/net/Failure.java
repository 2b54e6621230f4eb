package io.lifeboat.scan.net;

/** A classified failure of one exchange: a closed {@link FailureReason} and a one-line detail. */
public record Failure(FailureReason reason, String detail) {
    @Override
    public String toString() {
        return reason.code() + ": " + detail;
    }
}
