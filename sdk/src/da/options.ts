import { InvalidDAOptionError } from "../errors/da";

/** Throws {@link InvalidDAOptionError} unless `value` is an integer of at least `min` (or absent). */
export function checkDAIntegerOption(option: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= min)) {
    throw new InvalidDAOptionError(option, value, `an integer of at least ${min}`);
  }
}
