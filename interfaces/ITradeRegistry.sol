// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ITradeRegistry
/// @notice Trade background (invoice, order, delivery note) anchored by the seller and verified by
/// an auditor of the alliance; the platform-wide guard that one invoice backs one receivable.
interface ITradeRegistry {
    enum TradeStatus { None, Submitted, Verified, Rejected, Withdrawn, Confirmed }

    /// @dev Packed so that confirming a trade reads two slots and writes one.
    struct Trade {
        address seller;
        TradeStatus status;
        uint32 allianceId;
        uint48 rootId;        // the receivable issued for it (0 until confirmed)
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
    /// non-reverting tokens are kept out this way).
    error CurrencyNotAllowed(address currency);
    /// @notice The invoice already backs a live or financed trade on this platform.
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

    /// @notice The trade an invoice hash is bound to (0 = free).
    function tradeOfInvoice(bytes32 invoiceHash) external view returns (uint256);

    /// @notice The parties and currency of a trade, in one cheap call.
    function terms(uint256 tradeId)
        external
        view
        returns (address seller, address buyer, address currency, uint256 allianceId);

    /// @notice Record a trade whose background the caller audited itself, already verified: the
    /// caller is recorded as its auditor and the invoice is bound for good at once. Only
    /// auditing contracts (AUDITING_CONTRACT_ROLE, e.g. the order escrow on the buyer's
    /// acceptance of delivered goods). Same rules as `submitTrade`: non-zero amount and
    /// documents, a contract currency, a free invoice hash, `seller` an active member of the
    /// alliance in a selling role and `buyer` an active core enterprise of it, seller and buyer
    /// different (same custom errors).
    /// @param allianceId Alliance of both parties.
    /// @param seller The payee (the supplier).
    /// @param buyer The obligor.
    /// @param currency ERC-20 the payable is denominated in.
    /// @param amount Invoice amount in base units.
    /// @param invoiceHash Invoice hash (bound to this trade for good).
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
    /// `rootId`. Only authorised issuers (the receivable token); the trade can never be
    /// confirmed again.
    /// @return seller The payee, buyer The obligor, allianceId The trade's alliance.
    function recordConfirmation(uint256 tradeId, uint256 faceValue, uint256 rootId)
        external
        returns (address seller, address buyer, uint256 allianceId);
}
