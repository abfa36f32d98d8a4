/**
 * The deployments shipped with the package: every `deployments/<network>.json`, written here by `scripts/deploy.ts`
 * (`writeDeployment`) so that the browser-safe root entry carries them without reading files. A test checks that
 * this list and the JSON files agree. Do not edit by hand.
 */
import type { Deployment } from "./types";

export const KNOWN_DEPLOYMENTS: readonly Deployment[] = [];
