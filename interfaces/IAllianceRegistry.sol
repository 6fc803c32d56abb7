// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors, IAllianceRegistryErrors} from "./IPlatformErrors.sol";

/// @title IAllianceRegistry
/// @notice Membership of the alliance chains: enterprises register and are certified by the
/// platform operator; a certified core enterprise creates an alliance (its supply chain), invites
/// members in given roles and starts it when no invitation is pending.
interface IAllianceRegistry is ICommonErrors, IAllianceRegistryErrors {
    enum EnterpriseStatus {
        None,
        Pending,
        Certified,
        Rejected
    }
    enum AllianceStatus {
        None,
        Forming,
        Active
    }
    enum MemberStatus {
        None,
        Invited,
        Active,
        Suspended,
        Declined,
        Left
    }

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

    /// @notice An account applied for `roles` with its identity-document hash.
    event EnterpriseRegistered(address indexed account, bytes32 idHash, uint16 roles, string name);
    /// @notice The operator certified the account in `roles`.
    event EnterpriseCertified(address indexed account, uint16 roles);
    /// @notice The operator rejected the registration (reason kept off-chain by hash).
    event EnterpriseRejected(address indexed account, bytes32 reasonHash);
    /// @notice A certified core enterprise created an alliance (its supply chain).
    event AllianceCreated(uint256 indexed allianceId, address indexed core, string name, uint64 gracePeriod);
    /// @notice The core enterprise invited an account in `roles`.
    event MemberInvited(uint256 indexed allianceId, address indexed member, uint16 roles);
    /// @notice The core enterprise withdrew an invitation.
    event InvitationCancelled(uint256 indexed allianceId, address indexed member);
    /// @notice The invitee joined the alliance as an active member.
    event InvitationAccepted(uint256 indexed allianceId, address indexed member, uint16 roles);
    /// @notice The invitee declined.
    event InvitationDeclined(uint256 indexed allianceId, address indexed member);
    /// @notice The alliance started: its active members may issue and hold receivables.
    event AllianceStarted(uint256 indexed allianceId);
    /// @notice A member was suspended by the core enterprise or the operator.
    event MemberSuspended(uint256 indexed allianceId, address indexed member, address indexed by);
    /// @notice A suspended member was reinstated.
    event MemberReinstated(uint256 indexed allianceId, address indexed member, address indexed by);
    /// @notice A member left the alliance.
    event MemberLeft(uint256 indexed allianceId, address indexed member);
    /// @notice The grace period for maturities from `effectiveFrom` on.
    event GracePeriodSet(uint256 indexed allianceId, uint64 gracePeriod, uint256 effectiveFrom);

    /// @notice The account already registered and is pending or certified.
    error AlreadyRegistered(address account, EnterpriseStatus status);
    /// @notice The account has no registration waiting for the operator.
    error NotPendingRegistration(address account, EnterpriseStatus status);
    /// @notice The account is already invited to or a member of the alliance.
    error AlreadyMember(uint256 allianceId, address account, MemberStatus status);

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

    /// @notice Register the caller's account with its identity-document hash and the roles it
    /// applies for. A rejected enterprise may register again with corrected documents.
    /// Anyone. Refused: ZeroIdHash, InvalidRoles (empty mask or unknown bits), AlreadyRegistered
    /// (pending or certified).
    /// @param idHash Hash of the identity documents (business licence etc.), kept off-chain.
    /// @param roles Bit mask of `EnterpriseRoles` applied for.
    /// @param name Display name.
    function register(bytes32 idHash, uint16 roles, string calldata name) external;

    /// @notice Certify a pending enterprise in some or all of the roles it applied for.
    /// Only OPERATOR_ROLE. Refused: NotPendingRegistration, InvalidRoles, RolesNotApplied.
    /// @param account The registered account.
    /// @param roles Roles granted; must be a non-empty subset of the applied roles.
    function certify(address account, uint16 roles) external;

    /// @notice Reject a pending registration.
    /// Only OPERATOR_ROLE. Refused: NotPendingRegistration.
    /// @param account The registered account.
    /// @param reasonHash Hash of the operator's written reason.
    function reject(address account, bytes32 reasonHash) external;

    /// @notice Create an alliance (a supply chain) led by the caller, a certified core enterprise.
    /// The caller becomes its first active member.
    /// Refused: NotCertified, MissingRoles (not certified as a core enterprise), GracePeriodTooLong
    /// (over MAX_GRACE_PERIOD).
    /// @param name Display name of the alliance.
    /// @param gracePeriod Seconds after maturity before an unpaid root can be marked overdue.
    /// @return allianceId The new alliance's id (starting at 1).
    function createAlliance(string calldata name, uint64 gracePeriod) external returns (uint256 allianceId);

    /// @notice Invite a certified enterprise into the alliance in the given roles.
    /// Works before and after the alliance starts.
    /// Only the alliance's core enterprise (UnknownAlliance, NotAllianceCore). Refused: InvalidRoles,
    /// NotCertified or MissingRoles (the invitee is not certified in these roles), AlreadyMember
    /// (invited, active or suspended).
    /// @param allianceId The alliance.
    /// @param member The invited account.
    /// @param roles Roles in this alliance; all must be certified for the account.
    function invite(uint256 allianceId, address member, uint16 roles) external;

    /// @notice Withdraw a pending invitation (so an unresponsive invitee cannot block the start).
    /// Only the alliance's core enterprise (UnknownAlliance, NotAllianceCore). Refused: NoInvitation.
    /// @param allianceId The alliance.
    /// @param member The invited account.
    function cancelInvitation(uint256 allianceId, address member) external;

    /// @notice Accept the caller's pending invitation.
    /// Only the invitee. Refused: UnknownAlliance, NoInvitation.
    /// @param allianceId The alliance.
    function acceptInvitation(uint256 allianceId) external;

    /// @notice Decline the caller's pending invitation.
    /// Only the invitee. Refused: UnknownAlliance, NoInvitation.
    /// @param allianceId The alliance.
    function declineInvitation(uint256 allianceId) external;

    /// @notice Start the alliance: from now on its active members can issue and hold receivables.
    /// Only the alliance's core enterprise (UnknownAlliance, NotAllianceCore). Refused:
    /// AllianceAlreadyStarted, InvitationsPending.
    /// @param allianceId The alliance; no invitation may be pending.
    function start(uint256 allianceId) external;

    /// @notice Suspend an active member: it can no longer receive pieces, submit trades, audit
    /// or buy; pieces it already holds it may still pass on (to active members) or collect.
    /// The alliance's core enterprise or OPERATOR_ROLE (UnknownAlliance, NotCoreOrOperator). Refused:
    /// CoreEnterpriseIsPermanent, NotActiveMember.
    /// @param allianceId The alliance.
    /// @param member The member.
    function suspend(uint256 allianceId, address member) external;

    /// @notice Reinstate a suspended member.
    /// The alliance's core enterprise or OPERATOR_ROLE (UnknownAlliance, NotCoreOrOperator). Refused:
    /// NotSuspended.
    /// @param allianceId The alliance.
    /// @param member The member.
    function reinstate(uint256 allianceId, address member) external;

    /// @notice Leave the alliance, whatever the caller holds: a member that left keeps its pieces
    /// and every right they carry (Settlement pays and answers the holder whatever its
    /// membership: claim, recourse; it may still pass them on or sell them to active members),
    /// it only receives nothing more (pieces and receipts go to active members only). Holdings
    /// cannot block leaving: pieces are received without consent and stop moving at maturity.
    /// Any active or suspended member except the core enterprise. Refused: UnknownAlliance,
    /// CoreEnterpriseIsPermanent, NotActiveMember.
    /// @param allianceId The alliance.
    function leave(uint256 allianceId) external;

    /// @notice Set the grace period after maturity before an unpaid root can be marked overdue,
    /// for maturities from GRACE_CHANGE_DELAY from now on (never for a receivable or deal that
    /// exists: others financed it on the grace in force).
    /// Only the alliance's core enterprise (UnknownAlliance, NotAllianceCore). Refused:
    /// GracePeriodTooLong.
    /// @param allianceId The alliance.
    /// @param gracePeriod Seconds, at most `MAX_GRACE_PERIOD`.
    function setGracePeriod(uint256 allianceId, uint64 gracePeriod) external;

    /// @notice Role of the platform operator: certifies enterprises, may suspend members. A staff
    /// role (people, not contracts): the admin may grant it to any account at any time.
    function OPERATOR_ROLE() external view returns (bytes32);

    /// @notice Longest grace period an alliance can set after maturity before "overdue".
    function MAX_GRACE_PERIOD() external view returns (uint64);

    /// @notice A new grace period applies to maturities at least this long after it is set
    /// (longer than the longest tenor of a receivable or an advance-payment deal).
    function GRACE_CHANGE_DELAY() external view returns (uint256);

    /// @notice Number of alliances created (ids run from 1 to allianceCount).
    function allianceCount() external view returns (uint256);
}
