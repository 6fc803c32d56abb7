// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors, IPlatformAccessErrors} from "./IPlatformErrors.sol";

/// @title IPlatformAccess
/// @notice The operator's powers over a platform contract, made explicit and small.
/// - The admin (DEFAULT_ADMIN_ROLE, the operator key) is held by exactly one account and moves
///   only in two steps with a delay (OpenZeppelin's AccessControlDefaultAdminRules):
///   `beginDefaultAdminTransfer`, wait `defaultAdminDelay()` (ADMIN_TRANSFER_DELAY at
///   deployment), `acceptDefaultAdminTransfer` by the new admin. Everyone sees a pending change
///   (event DefaultAdminTransferScheduled) for the whole delay.
/// - Contract roles (every role except DEFAULT_ADMIN_ROLE and the contract's staff roles, see
///   `isContractRole`) let one platform contract act on another: move or burn pieces, confirm a
///   payable as an obligor's proxy, record audited trades, mark trades confirmed. They are
///   granted only to contracts (never to a key), only while the platform is being wired at
///   deployment, and are frozen for ever by the one-time `sealWiring`: after it no contract role
///   can be granted, revoked or renounced, so the operator key can no longer fabricate an
///   obligation, a verified trade or a piece movement.
/// - Staff roles (AllianceRegistry's OPERATOR_ROLE, SettlementToken's MINTER_ROLE) belong to
///   people and stay grantable by the admin.
interface IPlatformAccess is ICommonErrors, IPlatformAccessErrors {
    /// @notice The wiring was sealed: contract roles are fixed from now on.
    event WiringSealed(address indexed by);

    /// @notice Freeze every contract role as granted now (admin only, once, at the end of
    /// deployment). Refused with WiringIsSealed(0, 0) if already sealed.
    function sealWiring() external;

    /// @notice Delay between `beginDefaultAdminTransfer` and `acceptDefaultAdminTransfer` at
    /// deployment (changes to it are delayed too, see AccessControlDefaultAdminRules).
    function ADMIN_TRANSFER_DELAY() external view returns (uint48);

    /// @notice True once `sealWiring` ran.
    function wiringSealed() external view returns (bool);

    /// @notice True if `role` is a contract role: only contracts, only before the seal.
    /// @param role The role.
    function isContractRole(bytes32 role) external view returns (bool);
}
