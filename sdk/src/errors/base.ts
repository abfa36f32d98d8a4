/**
 * Root of every error the SDK throws. `name` is a string literal per class, so callers can switch on it even across
 * bundles where `instanceof` fails; `cause` keeps the underlying error when one exists.
 */
export abstract class MetisError extends Error {
  abstract override readonly name: string;
}

/** The caller passed a value the SDK cannot use (malformed hex, a proof of the wrong length, ...). Fix the input. */
export abstract class MetisArgumentError extends MetisError {}

/** Data that should be well-formed by construction is not (a corrupt data object, a store returning other bytes). */
export abstract class MetisDataError extends MetisError {}
