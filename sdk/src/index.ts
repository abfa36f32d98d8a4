/** `@metis-l2/protocol`: the SDK's root entry. Role-specific modules (sequencer, verifier, bridge, ...) join here. */
export * from "./proof";
