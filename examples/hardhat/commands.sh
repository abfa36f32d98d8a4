# Deploy (idempotent: a rerun deploys nothing already there) and write deployments/localhost.json.
npx hardhat metis:deploy --network localhost
# Batches with their status and time left, sequencers and the next proposer, open disputes and DA requests.
npx hardhat metis:status --network localhost
