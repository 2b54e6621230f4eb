package io.lifeboat.plan;

import io.lifeboat.tls.LifeboatException;

/** A plan run that could not go on for a reason outside its steps (interrupted). */
public final class PlanRunException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    public PlanRunException(String message) {
        super(Kind.FAILED, message);
    }
}
