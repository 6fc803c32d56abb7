// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IAllianceRegistry
/// @notice Membership of the alliance chains: enterprises register and are certified by the
/// platform operator; a certified core enterprise creates an alliance (its supply chain), invites
/// members in given roles and starts it when no invitation is pending.
interface IAllianceRegistry {
    enum EnterpriseStatus { None, Pending, Certified, Rejected }
    enum AllianceStatus { None, Forming, Active }
    enum MemberStatus { None, Invited, Active, Suspended, Declined, Left }

    struct Enterprise {
        EnterpriseStatus status;
        uint16 appliedRoles;
        uint16 certifiedRoles;
        uint64 registeredAt;
        bytes32 idHash;
        string name;
    }

    struct Alliance {
        address core;
        AllianceStatus status;
        uint32 pendingInvitations;
        uint32 activeMembers;
        uint64 gracePeriod;
        string name;
    }

    struct Membership {
        MemberStatus status;
        uint16 roles;
    }

    event EnterpriseRegistered(address indexed account, bytes32 idHash, uint16 roles, string name);
    event EnterpriseCertified(address indexed account, uint16 roles);
    event EnterpriseRejected(address indexed account, bytes32 reasonHash);
    event AllianceCreated(uint256 indexed allianceId, address indexed core, string name, uint64 gracePeriod);
    event MemberInvited(uint256 indexed allianceId, address indexed member, uint16 roles);
    event InvitationCancelled(uint256 indexed allianceId, address indexed member);
    event InvitationAccepted(uint256 indexed allianceId, address indexed member, uint16 roles);
    event InvitationDeclined(uint256 indexed allianceId, address indexed member);
    event AllianceStarted(uint256 indexed allianceId);
    event MemberSuspended(uint256 indexed allianceId, address indexed member, address indexed by);
    event MemberReinstated(uint256 indexed allianceId, address indexed member, address indexed by);
    event MemberLeft(uint256 indexed allianceId, address indexed member);
    /// @notice The grace period for maturities from `effectiveFrom` on.
    event GracePeriodSet(uint256 indexed allianceId, uint64 gracePeriod, uint256 effectiveFrom);
    event HoldingsSourceSet(address indexed source);

    /// @notice The role mask is empty or has bits outside the known roles.
    error InvalidRoles(uint16 roles);
    /// @notice The identity-document hash is zero.
    error ZeroIdHash();
    /// @notice The account already registered and is pending or certified.
    error AlreadyRegistered(address account, EnterpriseStatus status);
    /// @notice The account has no registration waiting for the operator.
    error NotPendingRegistration(address account, EnterpriseStatus status);
    /// @notice The roles to certify were not all applied for.
    error RolesNotApplied(address account, uint16 roles, uint16 applied);
    /// @notice The account is not certified by the operator.
    error NotCertified(address account);
    /// @notice The account's certified roles do not include the ones required.
    error MissingRoles(address account, uint16 required, uint16 certified);
    /// @notice No alliance has this id.
    error UnknownAlliance(uint256 allianceId);
    /// @notice Only the alliance's core enterprise may do this.
    error NotAllianceCore(uint256 allianceId, address caller);
    /// @notice Only the alliance's core enterprise or the platform operator may do this.
    error NotCoreOrOperator(uint256 allianceId, address caller);
    /// @notice The account is already invited to or a member of the alliance.
    error AlreadyMember(uint256 allianceId, address account, MemberStatus status);
    /// @notice The account has no pending invitation to the alliance.
    error NoInvitation(uint256 allianceId, address account);
    /// @notice The alliance cannot start while invitations are pending.
    error InvitationsPending(uint256 allianceId, uint32 pending);
    /// @notice The alliance has already started.
    error AllianceAlreadyStarted(uint256 allianceId);
    /// @notice The account is not an active member of the alliance.
    error NotActiveMember(uint256 allianceId, address account);
    /// @notice The account is not a suspended member of the alliance.
    error NotSuspended(uint256 allianceId, address account);
    /// @notice The core enterprise cannot be suspended or leave its own alliance.
    error CoreEnterpriseIsPermanent(uint256 allianceId, address core);
    /// @notice A member cannot leave while it holds live receivable pieces.
    error StillHoldsPieces(address account, uint256 pieces);
    /// @notice The grace period exceeds the documented maximum.
    error GracePeriodTooLong(uint64 gracePeriod, uint64 maximum);
    /// @notice The address is zero.
    error ZeroAddress();

    /// @notice True if `account` is an active member of the started alliance `allianceId`
    /// holding any of the roles in `roleMask` (0 = any role).
    function isActiveMember(uint256 allianceId, address account, uint16 roleMask) external view returns (bool);

    /// @notice The core enterprise that created the alliance.
    function coreOf(uint256 allianceId) external view returns (address);

    /// @notice Seconds after maturity before an unpaid root maturing now can be marked overdue.
    function gracePeriodOf(uint256 allianceId) external view returns (uint64);

    /// @notice The grace period that applies to a receivable (or deal) due at `maturity`:
    /// the one set at least GRACE_CHANGE_DELAY before it, fixed before the receivable existed.
    function gracePeriodFor(uint256 allianceId, uint256 maturity) external view returns (uint64);

    /// @notice The alliance record.
    function allianceInfo(uint256 allianceId) external view returns (Alliance memory);

    /// @notice The membership record of `account` in `allianceId`.
    function membershipOf(uint256 allianceId, address account) external view returns (Membership memory);

    /// @notice The enterprise record of `account`.
    function enterpriseOf(address account) external view returns (Enterprise memory);
}
