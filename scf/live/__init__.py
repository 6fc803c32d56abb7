"""scf-chain on any EVM JSON-RPC node with plain web3.py: local signing (eth-account), EIP-1559
fees, confirmations, an idempotent deployer and a scenario that needs no time travel.

    signers   operator and actor keys from the environment or brownie's keystore
    sender    builds, signs, sends and confirms transactions; decodes custom errors
    contracts brownie-style handles (``registry.certify(a, roles, {"from": operator})``) so the
              onboarding flows, EIP-712 helpers and wiring of the brownie code run unchanged
    deployer  deploy or reuse what the manifest records, then wire
    story     the live scenario: onboarding, credit penetration, discounting, early repayment
"""
