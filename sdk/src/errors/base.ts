/** Prefix of the brands every error carries: `Symbol.for(BRAND_PREFIX + class name)`, shared by every copy. */
const BRAND_PREFIX = "@metis-l2/protocol:";

/** The brand of the error class `errorClass`, the same symbol in every copy of the package. */
function brandOf(errorClass: abstract new (...args: never) => unknown): symbol {
  return Symbol.for(BRAND_PREFIX + errorClass.name);
}

/**
 * Root of every error the SDK throws. `name` is a string literal per class, so callers can switch on it; `cause` keeps
 * the underlying error when one exists.
 *
 * `instanceof` holds across copies of the package too (its ES module and CommonJS builds, both loaded by one program,
 * or two bundled copies): every error's prototypes carry a brand per class of its chain, `Symbol.for` of the package
 * and the class name, and `instanceof` any error class accepts a value carrying that class's brand. The class names
 * are kept by the package's build; a bundler that renames classes keeps `instanceof` within each copy.
 */
export abstract class MetisError extends Error {
  abstract override readonly name: string;

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Up to Error, without naming this class inside its own body: a bundler gives a class that refers to itself an
    // inner name (`class _MetisError`), which its `name` is then. bundle.test.ts checks every error class's name.
    for (
      let errorClass: abstract new (...args: never) => unknown = new.target;
      errorClass !== Error;
      errorClass = Object.getPrototypeOf(errorClass) as abstract new (...args: never) => unknown
    ) {
      const brand = brandOf(errorClass);
      if (!Object.prototype.hasOwnProperty.call(errorClass.prototype, brand)) {
        Object.defineProperty(errorClass.prototype, brand, { value: true });
      }
    }
  }

  /** `value instanceof X`: an instance of this copy's X, or of any copy's X (by its brand). */
  static override [Symbol.hasInstance](this: abstract new (...args: never) => unknown, value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return typeof value === "object" && value !== null && brandOf(this) in value;
  }
}

/** The caller passed a value the SDK cannot use (malformed hex, a proof of the wrong length, ...). Fix the input. */
export abstract class MetisArgumentError extends MetisError {}

/** Data that should be well-formed by construction is not (a corrupt data object, a store returning other bytes). */
export abstract class MetisDataError extends MetisError {}
