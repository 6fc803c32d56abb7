// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {PlatformAccess} from "./access/PlatformAccess.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

/// @title AllianceRegistry
/// @notice Who may take part in which supply chain, in which roles.
/// @dev Lifecycle: register -> certify (operator) -> createAlliance (certified core) -> invite ->
/// accept / decline -> start (no invitation pending). Members join later the same way, can be
/// suspended and reinstated by the core or the operator, and leave whatever they hold (they keep
/// their pieces and the rights these carry; see `leave`).
/// Grace periods: the core sets them, but a change applies only to maturities at least
/// GRACE_CHANGE_DELAY later (longer than any tenor), so the grace of a receivable or deal that
/// exists is the one in force when it was issued or funded; `gracePeriodFor(id, maturity)`.
contract AllianceRegistry is IAllianceRegistry, PlatformAccess {
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;

    /// @inheritdoc IAllianceRegistry
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @inheritdoc IAllianceRegistry
    uint64 public constant MAX_GRACE_PERIOD = PlatformConstants.MAX_GRACE_PERIOD;
    /// @inheritdoc IAllianceRegistry
    uint256 public constant GRACE_CHANGE_DELAY = PlatformConstants.RULE_CHANGE_DELAY;

    mapping(address account => Enterprise) private _enterprises;
    mapping(uint256 allianceId => Alliance) private _alliances;
    mapping(uint256 allianceId => mapping(address account => Membership)) private _members;
    /// @dev Grace periods by the first maturity they apply to.
    mapping(uint256 allianceId => Checkpoints.Trace208) private _graces;
    /// @inheritdoc IAllianceRegistry
    uint256 public allianceCount;

    /// @notice Deploy the registry; `operator` is its admin and first operator.
    /// @param operator The platform operator (admin and operator role).
    constructor(address operator) PlatformAccess(operator) {
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @dev OPERATOR_ROLE belongs to people; every other role would be a sealed contract role.
    function _isStaffRole(bytes32 role) internal pure override returns (bool) {
        return role == OPERATOR_ROLE;
    }

    // ------------------------------------------------------------------ enterprises

    /// @inheritdoc IAllianceRegistry
    function register(bytes32 idHash, uint16 roles, string calldata name) external {
        if (idHash == bytes32(0)) revert ZeroIdHash();
        _checkRoleMask(roles);
        Enterprise storage e = _enterprises[msg.sender];
        if (e.status == EnterpriseStatus.Pending || e.status == EnterpriseStatus.Certified) {
            revert AlreadyRegistered(msg.sender, e.status);
        }
        e.status = EnterpriseStatus.Pending;
        e.appliedRoles = roles;
        e.certifiedRoles = 0;
        e.registeredAt = block.timestamp.toUint64();
        e.idHash = idHash;
        e.name = name;
        emit EnterpriseRegistered(msg.sender, idHash, roles, name);
    }

    /// @inheritdoc IAllianceRegistry
    function certify(address account, uint16 roles) external onlyRole(OPERATOR_ROLE) {
        Enterprise storage e = _enterprises[account];
        if (e.status != EnterpriseStatus.Pending) revert NotPendingRegistration(account, e.status);
        _checkRoleMask(roles);
        if (roles & e.appliedRoles != roles) revert RolesNotApplied(account, roles, e.appliedRoles);
        e.status = EnterpriseStatus.Certified;
        e.certifiedRoles = roles;
        emit EnterpriseCertified(account, roles);
    }

    /// @inheritdoc IAllianceRegistry
    function reject(address account, bytes32 reasonHash) external onlyRole(OPERATOR_ROLE) {
        Enterprise storage e = _enterprises[account];
        if (e.status != EnterpriseStatus.Pending) revert NotPendingRegistration(account, e.status);
        e.status = EnterpriseStatus.Rejected;
        emit EnterpriseRejected(account, reasonHash);
    }

    // ------------------------------------------------------------------ alliances

    /// @inheritdoc IAllianceRegistry
    function createAlliance(string calldata name, uint64 gracePeriod) external returns (uint256 allianceId) {
        Enterprise storage e = _requireCertified(msg.sender, EnterpriseRoles.CORE);
        if (gracePeriod > MAX_GRACE_PERIOD) revert GracePeriodTooLong(gracePeriod, MAX_GRACE_PERIOD);
        allianceId = ++allianceCount;
        Alliance storage a = _alliances[allianceId];
        a.core = msg.sender;
        a.status = AllianceStatus.Forming;
        a.activeMembers = 1;
        a.gracePeriod = gracePeriod;
        _graces[allianceId].push(0, gracePeriod);
        a.name = name;
        _members[allianceId][msg.sender] = Membership(MemberStatus.Active, e.certifiedRoles);
        emit AllianceCreated(allianceId, msg.sender, name, gracePeriod);
        emit InvitationAccepted(allianceId, msg.sender, e.certifiedRoles);
    }

    /// @inheritdoc IAllianceRegistry
    function invite(uint256 allianceId, address member, uint16 roles) external {
        Alliance storage a = _requireCore(allianceId);
        _checkRoleMask(roles);
        _requireCertified(member, roles);
        Membership storage m = _members[allianceId][member];
        if (m.status == MemberStatus.Invited || m.status == MemberStatus.Active || m.status == MemberStatus.Suspended) {
            revert AlreadyMember(allianceId, member, m.status);
        }
        m.status = MemberStatus.Invited;
        m.roles = roles;
        a.pendingInvitations += 1;
        emit MemberInvited(allianceId, member, roles);
    }

    /// @inheritdoc IAllianceRegistry
    function cancelInvitation(uint256 allianceId, address member) external {
        Alliance storage a = _requireCore(allianceId);
        Membership storage m = _members[allianceId][member];
        if (m.status != MemberStatus.Invited) revert NoInvitation(allianceId, member);
        m.status = MemberStatus.Declined;
        a.pendingInvitations -= 1;
        emit InvitationCancelled(allianceId, member);
    }

    /// @inheritdoc IAllianceRegistry
    function acceptInvitation(uint256 allianceId) external {
        Alliance storage a = _requireAlliance(allianceId);
        Membership storage m = _members[allianceId][msg.sender];
        if (m.status != MemberStatus.Invited) revert NoInvitation(allianceId, msg.sender);
        // Certification cannot be withdrawn, so the roles checked at invitation still hold.
        m.status = MemberStatus.Active;
        a.pendingInvitations -= 1;
        a.activeMembers += 1;
        emit InvitationAccepted(allianceId, msg.sender, m.roles);
    }

    /// @inheritdoc IAllianceRegistry
    function declineInvitation(uint256 allianceId) external {
        Alliance storage a = _requireAlliance(allianceId);
        Membership storage m = _members[allianceId][msg.sender];
        if (m.status != MemberStatus.Invited) revert NoInvitation(allianceId, msg.sender);
        m.status = MemberStatus.Declined;
        a.pendingInvitations -= 1;
        emit InvitationDeclined(allianceId, msg.sender);
    }

    /// @inheritdoc IAllianceRegistry
    function start(uint256 allianceId) external {
        Alliance storage a = _requireCore(allianceId);
        if (a.status == AllianceStatus.Active) revert AllianceAlreadyStarted(allianceId);
        if (a.pendingInvitations != 0) revert InvitationsPending(allianceId, a.pendingInvitations);
        a.status = AllianceStatus.Active;
        emit AllianceStarted(allianceId);
    }

    /// @inheritdoc IAllianceRegistry
    function suspend(uint256 allianceId, address member) external {
        Alliance storage a = _requireCoreOrOperator(allianceId);
        if (member == a.core) revert CoreEnterpriseIsPermanent(allianceId, member);
        Membership storage m = _members[allianceId][member];
        if (m.status != MemberStatus.Active) revert NotActiveMember(allianceId, member);
        m.status = MemberStatus.Suspended;
        a.activeMembers -= 1;
        emit MemberSuspended(allianceId, member, msg.sender);
    }

    /// @inheritdoc IAllianceRegistry
    function reinstate(uint256 allianceId, address member) external {
        Alliance storage a = _requireCoreOrOperator(allianceId);
        Membership storage m = _members[allianceId][member];
        if (m.status != MemberStatus.Suspended) revert NotSuspended(allianceId, member);
        m.status = MemberStatus.Active;
        a.activeMembers += 1;
        emit MemberReinstated(allianceId, member, msg.sender);
    }

    /// @inheritdoc IAllianceRegistry
    function leave(uint256 allianceId) external {
        Alliance storage a = _requireAlliance(allianceId);
        if (msg.sender == a.core) revert CoreEnterpriseIsPermanent(allianceId, msg.sender);
        Membership storage m = _members[allianceId][msg.sender];
        if (m.status != MemberStatus.Active && m.status != MemberStatus.Suspended) {
            revert NotActiveMember(allianceId, msg.sender);
        }
        if (m.status == MemberStatus.Active) a.activeMembers -= 1;
        m.status = MemberStatus.Left;
        emit MemberLeft(allianceId, msg.sender);
    }

    /// @inheritdoc IAllianceRegistry
    function setGracePeriod(uint256 allianceId, uint64 gracePeriod) external {
        Alliance storage a = _requireCore(allianceId);
        if (gracePeriod > MAX_GRACE_PERIOD) revert GracePeriodTooLong(gracePeriod, MAX_GRACE_PERIOD);
        a.gracePeriod = gracePeriod;
        uint256 effectiveFrom = block.timestamp + GRACE_CHANGE_DELAY;
        _graces[allianceId].push(effectiveFrom.toUint48(), gracePeriod);
        emit GracePeriodSet(allianceId, gracePeriod, effectiveFrom);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IAllianceRegistry
    function isActiveMember(uint256 allianceId, address account, uint16 roleMask) external view returns (bool) {
        if (_alliances[allianceId].status != AllianceStatus.Active) return false;
        Membership storage m = _members[allianceId][account];
        return m.status == MemberStatus.Active && (roleMask == 0 || m.roles & roleMask != 0);
    }

    /// @inheritdoc IAllianceRegistry
    function coreOf(uint256 allianceId) external view returns (address) {
        return _alliances[allianceId].core;
    }

    /// @inheritdoc IAllianceRegistry
    function gracePeriodOf(uint256 allianceId) external view returns (uint64) {
        // bound: every value pushed is a uint64 grace period
        return uint64(_graces[allianceId].upperLookup(block.timestamp.toUint48()));
    }

    /// @inheritdoc IAllianceRegistry
    function gracePeriodFor(uint256 allianceId, uint256 maturity) external view returns (uint64) {
        // bound: every value pushed is a uint64 grace period
        return uint64(_graces[allianceId].upperLookup(maturity.toUint48()));
    }

    /// @inheritdoc IAllianceRegistry
    function allianceInfo(uint256 allianceId) external view returns (Alliance memory) {
        return _alliances[allianceId];
    }

    /// @inheritdoc IAllianceRegistry
    function membershipOf(uint256 allianceId, address account) external view returns (Membership memory) {
        return _members[allianceId][account];
    }

    /// @inheritdoc IAllianceRegistry
    function enterpriseOf(address account) external view returns (Enterprise memory) {
        return _enterprises[account];
    }

    // ------------------------------------------------------------------ internals

    function _checkRoleMask(uint16 roles) private pure {
        if (roles == 0 || roles & ~EnterpriseRoles.ALL != 0) revert InvalidRoles(roles);
    }

    function _requireCertified(address account, uint16 roles) private view returns (Enterprise storage e) {
        e = _enterprises[account];
        if (e.status != EnterpriseStatus.Certified) revert NotCertified(account);
        if (e.certifiedRoles & roles != roles) revert MissingRoles(account, roles, e.certifiedRoles);
    }

    function _requireAlliance(uint256 allianceId) private view returns (Alliance storage a) {
        a = _alliances[allianceId];
        if (a.status == AllianceStatus.None) revert UnknownAlliance(allianceId);
    }

    function _requireCore(uint256 allianceId) private view returns (Alliance storage a) {
        a = _requireAlliance(allianceId);
        if (msg.sender != a.core) revert NotAllianceCore(allianceId, msg.sender);
    }

    function _requireCoreOrOperator(uint256 allianceId) private view returns (Alliance storage a) {
        a = _requireAlliance(allianceId);
        if (msg.sender != a.core && !hasRole(OPERATOR_ROLE, msg.sender)) {
            revert NotCoreOrOperator(allianceId, msg.sender);
        }
    }
}
