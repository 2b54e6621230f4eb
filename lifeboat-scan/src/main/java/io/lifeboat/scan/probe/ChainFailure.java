package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Failure;

/** Why a certificate chain could not be read; the certificate probe records it as an error attempt. */
final class ChainFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Failure failure;

    ChainFailure(Failure failure) {
        super(failure.detail(), null, false, false);
        this.failure = failure;
    }

    Failure failure() {
        return failure;
    }
}
