// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IPlatformAccess} from "../../interfaces/IPlatformAccess.sol";
import {ICommonErrors} from "../../interfaces/IPlatformErrors.sol";
import {PlatformConstants} from "../libraries/PlatformConstants.sol";

/// @dev The operator, checked before it reaches the base constructor (which would refuse it with
/// OpenZeppelin's own AccessControlInvalidDefaultAdmin instead of the platform's ZeroAddress).
function _nonZero(address account) pure returns (address) {
    if (account == address(0)) revert ICommonErrors.ZeroAddress();
    return account;
}

/// @title PlatformAccess
/// @notice Access control of every platform contract: a two-step, delayed admin transfer
/// (AccessControlDefaultAdminRules) and contract roles that only contracts get, only while the
/// platform is wired, frozen by a one-time seal. See IPlatformAccess.
/// @dev A contract lists the roles that belong to people by overriding `_isStaffRole`;
/// every other role except DEFAULT_ADMIN_ROLE is a contract role (safe by default: a role
/// added later is sealed unless declared a staff role).
abstract contract PlatformAccess is IPlatformAccess, AccessControlDefaultAdminRules {
    /// @inheritdoc IPlatformAccess
    uint48 public constant ADMIN_TRANSFER_DELAY = PlatformConstants.ADMIN_TRANSFER_DELAY;

    /// @inheritdoc IPlatformAccess
    bool public wiringSealed;

    /// @notice Make `operator` the admin (a transfer of the role waits ADMIN_TRANSFER_DELAY).
    /// @param operator The platform operator: the admin. Refused with ZeroAddress when zero (for
    /// every contract built on PlatformAccess).
    constructor(address operator) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, _nonZero(operator)) {}

    /// @inheritdoc IPlatformAccess
    function sealWiring() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (wiringSealed) revert WiringIsSealed(bytes32(0), address(0));
        wiringSealed = true;
        emit WiringSealed(msg.sender);
    }

    /// @inheritdoc IPlatformAccess
    function isContractRole(bytes32 role) public view returns (bool) {
        return role != DEFAULT_ADMIN_ROLE && !_isStaffRole(role);
    }

    /// @dev Roles held by people (not sealed, any account). None by default.
    function _isStaffRole(bytes32) internal view virtual returns (bool) {
        return false;
    }

    /// @dev Contract roles: only to contracts, only before the seal.
    function _grantRole(bytes32 role, address account) internal virtual override returns (bool) {
        if (isContractRole(role)) {
            if (wiringSealed) revert WiringIsSealed(role, account);
            if (account.code.length == 0) revert GranteeNotContract(role, account);
        }
        return super._grantRole(role, account);
    }

    /// @dev Contract roles cannot be revoked (or renounced) after the seal either.
    function _revokeRole(bytes32 role, address account) internal virtual override returns (bool) {
        if (wiringSealed && isContractRole(role)) revert WiringIsSealed(role, account);
        return super._revokeRole(role, account);
    }
}
