// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title EnterpriseRoles
/// @notice The roles an enterprise can apply for, as bit flags so one account can hold several.
/// @dev Mirrored in Python by `scf.roles`. A role mask with several bits means "any of these".
library EnterpriseRoles {
    uint16 internal constant CORE = 1; // core enterprise: obligor, creates alliances
    uint16 internal constant SUPPLIER = 2; // upstream SME at any tier
    uint16 internal constant DISTRIBUTOR = 4; // downstream SME
    uint16 internal constant FINANCIER = 8; // bank, factoring company
    uint16 internal constant AUDITOR = 16; // verifies trade background
    uint16 internal constant LOGISTICS = 32; // logistics / warehouse operator
    uint16 internal constant INVESTOR = 64; // buys ABS tranches
    uint16 internal constant ALL = 127;

    /// @notice Seller roles allowed to submit a trade.
    uint16 internal constant SELLERS = SUPPLIER | DISTRIBUTOR | CORE;
}
