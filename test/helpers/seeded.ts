export * from "../../scripts/lib/seeded";
