/** Prefix of the brands every error carries: `Symbol.for(BRAND_PREFIX + brand)`, shared by every copy. */
const BRAND_PREFIX = "@metis-l2/protocol:";

/**
 * The brand of the error class `errorClass`, the same symbol in every copy of the package: from the class's own
 * `brand`, a string literal a minifier leaves alone (a class's `name` it renames, and two classes minified apart may
 * then share one). A class without a brand of its own (a caller's subclass) has none.
 */
function brandOf(errorClass: abstract new (...args: never) => unknown): symbol | undefined {
  if (!Object.prototype.hasOwnProperty.call(errorClass, "brand")) return undefined;
  const brand = (errorClass as unknown as { readonly brand: unknown }).brand;
  return typeof brand === "string" ? Symbol.for(BRAND_PREFIX + brand) : undefined;
}

/**
 * Root of every error the SDK throws. `name` is a string literal per class, so callers can switch on it; `cause` keeps
 * the underlying error when one exists.
 *
 * `instanceof` holds across copies of the package too (its ES module and CommonJS builds, both loaded by one program,
 * or two bundled copies): every error's prototypes carry a brand per class of its chain, `Symbol.for` of the package
 * and the class's `brand` (its name as a string literal, declared by each class, so minifiers leave it alone), and
 * `instanceof` any error class accepts a value carrying that class's brand.
 */
export abstract class MetisError extends Error {
  abstract override readonly name: string;
  /** The class's brand: its name as a literal, which every concrete error class declares as its own. */
  static readonly brand: string = "MetisError";

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Up to Error, without naming this class inside its own body: a bundler gives a class that refers to itself an
    // inner name (`class _MetisError`), which its `name` then is (bundle.test.ts checks every error class's name).
    for (
      let errorClass: abstract new (...args: never) => unknown = new.target;
      errorClass !== Error;
      errorClass = Object.getPrototypeOf(errorClass) as abstract new (...args: never) => unknown
    ) {
      const brand = brandOf(errorClass);
      if (brand !== undefined && !Object.prototype.hasOwnProperty.call(errorClass.prototype, brand)) {
        Object.defineProperty(errorClass.prototype, brand, { value: true });
      }
    }
  }

  /** `value instanceof X`: an instance of this copy's X, or of any copy's X (by its brand). */
  static override [Symbol.hasInstance](this: abstract new (...args: never) => unknown, value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const brand = brandOf(this);
    return brand !== undefined && typeof value === "object" && value !== null && brand in value;
  }
}

/** The caller passed a value the SDK cannot use (malformed hex, a proof of the wrong length, ...). Fix the input. */
export abstract class MetisArgumentError extends MetisError {
  static override readonly brand: string = "MetisArgumentError";
}

/** Data that should be well-formed by construction is not (a corrupt data object, a store returning other bytes). */
export abstract class MetisDataError extends MetisError {
  static override readonly brand: string = "MetisDataError";
}
