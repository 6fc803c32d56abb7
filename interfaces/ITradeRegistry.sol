// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {ICommonErrors, ICurrencyErrors, ITradeRegistryErrors} from "./IPlatformErrors.sol";

/// @title ITradeRegistry
/// @notice Trade background (invoice, order, delivery note) anchored by the seller and verified by
/// an auditor of the alliance; the platform-wide guard that one invoice backs one receivable.
/// @dev The invoice rule. An invoice is identified by its hash together with its obligor (the
/// buyer it is addressed to) and the namespace it was recorded in: 0 for trades sellers submit,
/// the auditing contract's address for trades such a contract records (`invoiceKey`). The key is
/// bound to a trade, for good and platform-wide (every alliance, every seller), when the obligor
/// confirms that trade's payable, which is the only act that creates a receivable; submissions
/// and verifications bind nothing, so a pending, verified, rejected or withdrawn trade never
/// blocks anyone. Hence:
///  - an invoice backs at most one receivable of its obligor, ever: a second trade with the same
///    invoice and buyer (same or another seller, same or another alliance) cannot be confirmed;
///  - nobody can take someone else's invoice: only the obligor's own confirmation (by
///    transaction, signature, or a proxy contract acting on its accepted order) writes into its
///    keys, so an outsider copying a public invoice hash (front-running a submission, a
///    verification or a confirmation, or with a colluding auditor or core enterprise of its own
///    alliance) only creates a trade nobody will confirm, or a debt of its own accomplice;
///  - keys of auditing contracts (the order escrow's invoices derived from public order
///    hashes) are out of reach of `submitTrade`, which always writes namespace 0: not even the
///    obligor can pre-empt its own credit order's receivable with a plain trade.
/// A trade naming another obligor is another debt, confirmed by that obligor itself: it does not
/// make anyone's receivable worth less, so the rule does not need (and could not safely have) a
/// key without the obligor - any certified core enterprise could then block any invoice it sees.
interface ITradeRegistry is ICommonErrors, ICurrencyErrors, ITradeRegistryErrors {
    enum TradeStatus {
        None,
        Submitted,
        Verified,
        Rejected,
        Withdrawn,
        Confirmed
    }

    /// @dev Packed so that confirming a trade reads two slots and writes one.
    struct Trade {
        address seller;
        TradeStatus status;
        uint32 allianceId;
        uint48 rootId; // the receivable issued for it (0 until confirmed)
        bool recorded; // recorded by an auditing contract (its invoice key is in the
        // auditor's namespace), not submitted by the seller
        address buyer; // the obligor
        uint96 amount; // invoice amount, base units
        address currency;
        address auditor;
        bytes32 invoiceHash;
        bytes32 orderHash;
        bytes32 deliveryHash;
    }

    /// @notice A trade's background was recorded (by its seller, or already verified by an auditing
    /// contract).
    event TradeSubmitted(
        uint256 indexed tradeId,
        uint256 indexed allianceId,
        address indexed seller,
        address buyer,
        address currency,
        uint256 amount,
        bytes32 invoiceHash,
        bytes32 orderHash,
        bytes32 deliveryHash
    );
    /// @notice An auditor verified the trade.
    event TradeVerified(uint256 indexed tradeId, address indexed auditor);
    /// @notice An auditor rejected the trade.
    event TradeRejected(uint256 indexed tradeId, address indexed auditor, bytes32 reasonHash);
    /// @notice The seller withdrew its trade before audit.
    event TradeWithdrawn(uint256 indexed tradeId);
    /// @notice The operator approved or withdrew a currency for new payables.
    event CurrencyAllowed(address indexed currency, bool allowed);
    /// @notice The trade's payable was confirmed as root `rootId`; its invoice key
    /// (`invoiceKey`) is bound to it from now on.
    event TradeConfirmed(uint256 indexed tradeId, uint256 indexed rootId, uint256 faceValue);

    /// @notice The trade is not in the status this step needs.
    error WrongTradeStatus(uint256 tradeId, TradeStatus status, TradeStatus required);

    /// @notice The trade record.
    function tradeInfo(uint256 tradeId) external view returns (Trade memory);

    /// @notice The confirmed trade an invoice is bound to (0 = free), by its key's parts.
    /// @param recorder 0 for trades submitted by sellers, else the auditing contract that
    /// recorded the trade (e.g. the order escrow).
    /// @param obligor The buyer the invoice is addressed to.
    /// @param invoiceHash The invoice hash.
    function tradeOfInvoice(address recorder, address obligor, bytes32 invoiceHash) external view returns (uint256);

    /// @notice The key binding an invoice: keccak256(abi.encode(recorder, obligor, invoiceHash)).
    function invoiceKey(address recorder, address obligor, bytes32 invoiceHash) external pure returns (bytes32);

    /// @notice Whether new trades may use the currency now (`submitTrade`; auditing contracts
    /// check it when their parties commit, e.g. when an order is placed).
    function currencyAllowed(address currency) external view returns (bool);

    /// @notice Whether the operator ever approved the currency (what `recordAuditedTrade` needs:
    /// a withdrawal does not stop payables committed while it was approved).
    function currencyEverAllowed(address currency) external view returns (bool);

    /// @notice The parties and currency of a trade, in one cheap call.
    function terms(uint256 tradeId)
        external
        view
        returns (address seller, address buyer, address currency, uint256 allianceId);

    /// @notice Record a trade whose background the caller audited itself, already verified: the
    /// caller is recorded as its auditor, and the trade's invoice key lies in the caller's own
    /// namespace (bound when the payable is confirmed). Only auditing contracts
    /// (AUDITING_CONTRACT_ROLE, e.g. the order escrow on the buyer's acceptance of delivered
    /// goods). Same rules as `submitTrade` (same custom errors): non-zero amount and documents,
    /// an invoice not yet backing a receivable of `buyer` in the caller's namespace, `seller` an
    /// active or suspended member of the alliance in a selling role (the goods are delivered:
    /// suspending the supplier must not cancel the buyer's debt) and `buyer` an active core enterprise of
    /// it, seller and buyer different; and a currency the operator approved (now or when the
    /// parties committed: `currencyEverAllowed`; the caller checks `currencyAllowed` at that
    /// commitment).
    /// @param allianceId Alliance of both parties.
    /// @param seller The payee (the supplier).
    /// @param buyer The obligor.
    /// @param currency ERC-20 the payable is denominated in.
    /// @param amount Invoice amount in base units.
    /// @param invoiceHash Invoice hash (its key is bound to this trade for good on confirmation).
    /// @param orderHash Hash of the purchase order.
    /// @param deliveryHash Hash of the delivery evidence (e.g. of the logistics milestones' documents).
    /// @return tradeId The new trade's id, in status Verified.
    function recordAuditedTrade(
        uint256 allianceId,
        address seller,
        address buyer,
        address currency,
        uint256 amount,
        bytes32 invoiceHash,
        bytes32 orderHash,
        bytes32 deliveryHash
    ) external returns (uint256 tradeId);

    /// @notice Record that a verified trade's payable was confirmed for `faceValue` as root
    /// `rootId`, binding its invoice key for good. Only authorised issuers (the receivable
    /// token); the trade can never be confirmed again. Refused (InvoiceAlreadyUsed) if another
    /// trade with the same invoice key was confirmed before.
    /// @return seller The payee, buyer The obligor, allianceId The trade's alliance.
    function recordConfirmation(uint256 tradeId, uint256 faceValue, uint256 rootId)
        external
        returns (address seller, address buyer, uint256 allianceId);

    /// @notice Submit a trade's background as its seller (the caller), in status Submitted. Any
    /// active member of the alliance in a selling role (supplier, distributor, core enterprise).
    /// Refused: ZeroAmount, AmountTooLarge (over 96 bits), InvalidAlliance (over 32 bits),
    /// MissingDocument (a zero hash), CurrencyNotAllowed (not approved now), SelfTrade (buyer is
    /// the caller), InvoiceAlreadyUsed (the invoice key already backs a receivable),
    /// SellerNotMember, BuyerNotObligor (buyer not an active core enterprise of the alliance).
    /// @param allianceId Alliance of both parties.
    /// @param buyer The core enterprise that owes the money (the obligor).
    /// @param currency ERC-20 the payable is denominated in.
    /// @param amount Invoice amount in the currency's base units.
    /// @param invoiceHash Hash of the invoice; must not already back a receivable of `buyer`.
    /// Submitting does not reserve it (see the invoice rule): it is bound on confirmation.
    /// @param orderHash Hash of the purchase order or contract.
    /// @param deliveryHash Hash of the delivery note.
    /// @return tradeId The new trade's id (starting at 1).
    function submitTrade(
        uint256 allianceId,
        address buyer,
        address currency,
        uint256 amount,
        bytes32 invoiceHash,
        bytes32 orderHash,
        bytes32 deliveryHash
    ) external returns (uint256 tradeId);

    /// @notice Approve or withdraw a currency for new payables. Only standard ERC-20s that move
    /// exactly the amount asked and revert on failure belong here: the market and settlement
    /// refuse fee-on-transfer deposits, and this list keeps such tokens out altogether.
    /// @param currency The ERC-20.
    /// @param allowed Whether new trades may use it (existing trades are unaffected, and so are
    /// payables committed while it was approved, such as open credit orders of the escrow).
    /// Only the admin (the operator); refused with InvalidCurrency if `currency` has no code.
    function setCurrencyAllowed(address currency, bool allowed) external;

    /// @notice Verify a submitted trade as an auditor of its alliance. This binds nothing: the
    /// invoice is bound when the obligor confirms the payable. Refused: UnknownTrade,
    /// WrongTradeStatus (not Submitted), NotAuditor (not an active auditor of the alliance),
    /// AuditorIsParty (the caller is the seller or the buyer).
    /// @param tradeId The trade.
    function verifyTrade(uint256 tradeId) external;

    /// @notice Reject a submitted trade as an auditor of its alliance (a corrected
    /// resubmission of the same invoice is a new trade). Same callers and refusals as
    /// `verifyTrade`.
    /// @param tradeId The trade.
    /// @param reasonHash Hash of the auditor's written reason.
    function rejectTrade(uint256 tradeId, bytes32 reasonHash) external;

    /// @notice Withdraw the caller's own trade before it is audited. Only the trade's seller
    /// (NotSeller), only while Submitted (WrongTradeStatus); UnknownTrade for an unknown id.
    /// @param tradeId The trade.
    function withdrawTrade(uint256 tradeId) external;

    /// @notice Role of contracts allowed to mark trades confirmed (the receivable token). A
    /// contract role: granted only to contracts at deployment, then sealed (IPlatformAccess).
    function ISSUER_ROLE() external view returns (bytes32);

    /// @notice Role of contracts that audit a trade's background themselves and record it
    /// already verified (the order escrow: the buyer's own order, the logistics milestones and
    /// the buyer's acceptance are the audit). A contract role: granted only to contracts at
    /// deployment, then sealed (IPlatformAccess).
    function AUDITING_CONTRACT_ROLE() external view returns (bytes32);

    /// @notice The membership registry every party is checked against.
    function alliances() external view returns (IAllianceRegistry);

    /// @notice Number of trades so far (ids run from 1 to tradeCount).
    function tradeCount() external view returns (uint256);
}
