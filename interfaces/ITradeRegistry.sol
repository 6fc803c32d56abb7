// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

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
interface ITradeRegistry {
    enum TradeStatus { None, Submitted, Verified, Rejected, Withdrawn, Confirmed }

    /// @dev Packed so that confirming a trade reads two slots and writes one.
    struct Trade {
        address seller;
        TradeStatus status;
        uint32 allianceId;
        uint48 rootId;        // the receivable issued for it (0 until confirmed)
        bool recorded;        // recorded by an auditing contract (its invoice key is in the
                              // auditor's namespace), not submitted by the seller
        address buyer;        // the obligor
        uint96 amount;        // invoice amount, base units
        address currency;
        address auditor;
        bytes32 invoiceHash;
        bytes32 orderHash;
        bytes32 deliveryHash;
    }

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
    event TradeVerified(uint256 indexed tradeId, address indexed auditor);
    event TradeRejected(uint256 indexed tradeId, address indexed auditor, bytes32 reasonHash);
    event TradeWithdrawn(uint256 indexed tradeId);
    event CurrencyAllowed(address indexed currency, bool allowed);
    /// @notice The trade's payable was confirmed as root `rootId`; its invoice key
    /// (`invoiceKey`) is bound to it from now on.
    event TradeConfirmed(uint256 indexed tradeId, uint256 indexed rootId, uint256 faceValue);

    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The amount does not fit the registry's 96-bit amount field.
    error AmountTooLarge(uint256 amount);
    /// @notice The confirmed face value exceeds the audited trade amount.
    error FaceValueExceedsTrade(uint256 faceValue, uint256 tradeAmount);
    /// @notice The alliance id does not fit 32 bits (an unknown id that fits is refused as
    /// SellerNotMember: nobody is an active member of it).
    error InvalidAlliance(uint256 allianceId);
    /// @notice A document hash is zero (0 = invoice, 1 = order/contract, 2 = delivery note).
    error MissingDocument(uint8 document);
    /// @notice The currency is not a contract.
    error InvalidCurrency(address currency);
    /// @notice The operator has not approved this currency (fee-on-transfer, rebasing or
    /// non-reverting tokens are kept out this way): for a submission, it is not approved now;
    /// for an auditing contract's record, it was never approved.
    error CurrencyNotAllowed(address currency);
    /// @notice The invoice already backs a receivable of the same obligor (trade `tradeId` was
    /// confirmed with it).
    error InvoiceAlreadyUsed(bytes32 invoiceHash, uint256 tradeId);
    /// @notice The seller is not an active member of the alliance in a selling role.
    error SellerNotMember(uint256 allianceId, address seller);
    /// @notice The buyer is not an active core enterprise (obligor) of the alliance.
    error BuyerNotObligor(uint256 allianceId, address buyer);
    /// @notice Seller and buyer are the same account.
    error SelfTrade(address account);
    /// @notice No trade has this id.
    error UnknownTrade(uint256 tradeId);
    /// @notice The trade is not in the status this step needs.
    error WrongTradeStatus(uint256 tradeId, TradeStatus status, TradeStatus required);
    /// @notice The caller is not an active auditor of the trade's alliance.
    error NotAuditor(uint256 allianceId, address caller);
    /// @notice An auditor cannot verify a trade it is a party to.
    error AuditorIsParty(uint256 tradeId, address auditor);
    /// @notice Only the trade's seller may do this.
    error NotSeller(uint256 tradeId, address caller);

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
}
