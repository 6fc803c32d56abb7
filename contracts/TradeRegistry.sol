// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PlatformAccess} from "./access/PlatformAccess.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";

/// @title TradeRegistry
/// @notice Anchors the documents behind a payable and records the auditor's verdict.
/// @dev Invoice rule (see ITradeRegistry): an invoice's key - its hash, its obligor and the
/// namespace it was recorded in (0 for submissions, the auditing contract for its own records) -
/// is bound to a trade for good, across all alliances, when the obligor confirms that trade
/// (`recordConfirmation`). Binding at submission (first come, first served) let anyone squat an
/// invoice hash it had seen, or the escrow's derivable one, and block the honest trade for ever
/// (issue 10 item 3); binding at verification still let a colluding auditor do it. Now a
/// submission or verification binds nothing (a pending, rejected or withdrawn trade blocks
/// nobody, so there is nothing to release), and only the obligor's own confirmation writes into
/// its keys. Submissions and records are refused early when their key is already bound.
contract TradeRegistry is ITradeRegistry, PlatformAccess {
    /// @notice Role of contracts allowed to mark trades confirmed (the receivable token). A
    /// contract role: granted only to contracts at deployment, then sealed (IPlatformAccess).
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @notice Role of contracts that audit a trade's background themselves and record it
    /// already verified (the order escrow: the buyer's own order, the logistics milestones and
    /// the buyer's acceptance are the audit). A contract role: granted only to contracts at
    /// deployment, then sealed (IPlatformAccess).
    /// @dev This name and `recordAuditedTrade` were chosen so that the function dispatcher costs
    /// every existing function exactly what it did (selectors decide the dispatch order).
    bytes32 public constant AUDITING_CONTRACT_ROLE = keccak256("AUDITING_CONTRACT_ROLE");

    IAllianceRegistry public immutable alliances;
    uint256 public tradeCount;
    mapping(uint256 tradeId => Trade) private _trades;
    /// @dev invoiceKey(recorder, obligor, invoiceHash) => the confirmed trade it backs.
    mapping(bytes32 invoiceKey => uint256 tradeId) private _invoiceTrade;
    /// @dev Currencies the operator approved for payables (plain ERC-20s only), in one slot:
    /// approved now, and approved at some time (what auditing contracts' records need).
    struct CurrencyApproval {
        bool allowed;
        bool everAllowed;
    }

    mapping(address currency => CurrencyApproval) private _currencies;

    /// @param operator The platform operator (admin).
    /// @param allianceRegistry The membership registry.
    constructor(address operator, IAllianceRegistry allianceRegistry) PlatformAccess(operator) {
        alliances = allianceRegistry;
    }

    /// @notice Submit a trade's background as its seller.
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
    ) external returns (uint256 tradeId) {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint96).max) revert AmountTooLarge(amount);
        if (allianceId > type(uint32).max) revert InvalidAlliance(allianceId);
        if (invoiceHash == bytes32(0)) revert MissingDocument(0);
        if (orderHash == bytes32(0)) revert MissingDocument(1);
        if (deliveryHash == bytes32(0)) revert MissingDocument(2);
        if (!_currencies[currency].allowed) revert CurrencyNotAllowed(currency);
        if (buyer == msg.sender) revert SelfTrade(buyer);
        uint256 bound = _invoiceTrade[invoiceKey(address(0), buyer, invoiceHash)];
        if (bound != 0) revert InvoiceAlreadyUsed(invoiceHash, bound);
        if (!alliances.isActiveMember(allianceId, msg.sender, EnterpriseRoles.SELLERS)) {
            revert SellerNotMember(allianceId, msg.sender);
        }
        if (!alliances.isActiveMember(allianceId, buyer, EnterpriseRoles.CORE)) {
            revert BuyerNotObligor(allianceId, buyer);
        }
        tradeId = ++tradeCount;
        Trade storage t = _trades[tradeId];
        t.seller = msg.sender;
        t.status = TradeStatus.Submitted;
        t.allianceId = uint32(allianceId);
        t.buyer = buyer;
        t.currency = currency;
        t.amount = uint96(amount);
        t.invoiceHash = invoiceHash;
        t.orderHash = orderHash;
        t.deliveryHash = deliveryHash;
        emit TradeSubmitted(tradeId, allianceId, msg.sender, buyer, currency, amount, invoiceHash, orderHash, deliveryHash);
    }

    /// @notice Approve or withdraw a currency for new payables. Only standard ERC-20s that move
    /// exactly the amount asked and revert on failure belong here: the market and settlement
    /// refuse fee-on-transfer deposits, and this list keeps such tokens out altogether.
    /// @param currency The ERC-20.
    /// @param allowed Whether new trades may use it (existing trades are unaffected, and so are
    /// payables committed while it was approved, such as open credit orders of the escrow).
    function setCurrencyAllowed(address currency, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (currency.code.length == 0) revert InvalidCurrency(currency);
        CurrencyApproval storage c = _currencies[currency];
        c.allowed = allowed;
        if (allowed) c.everAllowed = true;
        emit CurrencyAllowed(currency, allowed);
    }

    /// @notice Verify a submitted trade as an auditor of its alliance. This binds nothing: the
    /// invoice is bound when the obligor confirms the payable.
    /// @param tradeId The trade.
    function verifyTrade(uint256 tradeId) external {
        Trade storage t = _requireAuditable(tradeId);
        t.status = TradeStatus.Verified;
        t.auditor = msg.sender;
        emit TradeVerified(tradeId, msg.sender);
    }

    /// @notice Reject a submitted trade as an auditor of its alliance (a corrected
    /// resubmission of the same invoice is a new trade).
    /// @param tradeId The trade.
    /// @param reasonHash Hash of the auditor's written reason.
    function rejectTrade(uint256 tradeId, bytes32 reasonHash) external {
        Trade storage t = _requireAuditable(tradeId);
        t.status = TradeStatus.Rejected;
        t.auditor = msg.sender;
        emit TradeRejected(tradeId, msg.sender, reasonHash);
    }

    /// @notice Withdraw the caller's own trade before it is audited.
    /// @param tradeId The trade.
    function withdrawTrade(uint256 tradeId) external {
        Trade storage t = _requireTrade(tradeId);
        if (t.seller != msg.sender) revert NotSeller(tradeId, msg.sender);
        if (t.status != TradeStatus.Submitted) revert WrongTradeStatus(tradeId, t.status, TradeStatus.Submitted);
        t.status = TradeStatus.Withdrawn;
        emit TradeWithdrawn(tradeId);
    }

    /// @inheritdoc ITradeRegistry
    /// @dev Same checks as `submitTrade` (with `seller` for the caller), written out again and
    /// asking the alliance registry through `_isMember`, so that the optimizer keeps inlining
    /// `submitTrade`'s calls (two more inline call sites cost every submission ~138 gas). The
    /// invoice key's namespace is the caller: a plain submission can never produce it.
    function recordAuditedTrade(
        uint256 allianceId,
        address seller,
        address buyer,
        address currency,
        uint256 amount,
        bytes32 invoiceHash,
        bytes32 orderHash,
        bytes32 deliveryHash
    ) external onlyRole(AUDITING_CONTRACT_ROLE) returns (uint256 tradeId) {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint96).max) revert AmountTooLarge(amount);
        if (allianceId > type(uint32).max) revert InvalidAlliance(allianceId);
        if (invoiceHash == bytes32(0)) revert MissingDocument(0);
        if (orderHash == bytes32(0)) revert MissingDocument(1);
        if (deliveryHash == bytes32(0)) revert MissingDocument(2);
        if (!_currencies[currency].everAllowed) revert CurrencyNotAllowed(currency);
        if (buyer == seller) revert SelfTrade(buyer);
        uint256 bound = _invoiceTrade[invoiceKey(msg.sender, buyer, invoiceHash)];
        if (bound != 0) revert InvoiceAlreadyUsed(invoiceHash, bound);
        if (!_isMember(allianceId, seller, EnterpriseRoles.SELLERS) && !_isSuspendedSeller(allianceId, seller)) {
            revert SellerNotMember(allianceId, seller);
        }
        if (!_isMember(allianceId, buyer, EnterpriseRoles.CORE)) {
            revert BuyerNotObligor(allianceId, buyer);
        }
        tradeId = ++tradeCount;
        Trade storage t = _trades[tradeId];
        t.seller = seller;
        t.status = TradeStatus.Verified;
        t.allianceId = uint32(allianceId);
        t.recorded = true;
        t.buyer = buyer;
        t.currency = currency;
        t.amount = uint96(amount);
        t.auditor = msg.sender;
        t.invoiceHash = invoiceHash;
        t.orderHash = orderHash;
        t.deliveryHash = deliveryHash;
        emit TradeSubmitted(tradeId, allianceId, seller, buyer, currency, amount, invoiceHash, orderHash, deliveryHash);
        emit TradeVerified(tradeId, msg.sender);
    }

    /// @inheritdoc ITradeRegistry
    function recordConfirmation(uint256 tradeId, uint256 faceValue, uint256 rootId)
        external
        onlyRole(ISSUER_ROLE)
        returns (address seller, address buyer, uint256 allianceId)
    {
        Trade storage t = _requireTrade(tradeId);
        if (t.status != TradeStatus.Verified) revert WrongTradeStatus(tradeId, t.status, TradeStatus.Verified);
        uint256 amount = t.amount;
        if (faceValue > amount) revert FaceValueExceedsTrade(faceValue, amount);
        buyer = t.buyer;
        bytes32 invoiceHash = t.invoiceHash;
        bytes32 key = invoiceKey(t.recorded ? t.auditor : address(0), buyer, invoiceHash);
        uint256 bound = _invoiceTrade[key];
        if (bound != 0) revert InvoiceAlreadyUsed(invoiceHash, bound);
        _invoiceTrade[key] = tradeId;
        t.status = TradeStatus.Confirmed;
        t.rootId = uint48(rootId);
        emit TradeConfirmed(tradeId, rootId, faceValue);
        return (t.seller, buyer, t.allianceId);
    }

    /// @inheritdoc ITradeRegistry
    function terms(uint256 tradeId)
        external
        view
        returns (address seller, address buyer, address currency, uint256 allianceId)
    {
        Trade storage t = _trades[tradeId];
        return (t.seller, t.buyer, t.currency, t.allianceId);
    }

    /// @inheritdoc ITradeRegistry
    function tradeInfo(uint256 tradeId) external view returns (Trade memory) {
        return _trades[tradeId];
    }

    /// @inheritdoc ITradeRegistry
    function tradeOfInvoice(address recorder, address obligor, bytes32 invoiceHash) external view returns (uint256) {
        return _invoiceTrade[invoiceKey(recorder, obligor, invoiceHash)];
    }

    /// @inheritdoc ITradeRegistry
    function invoiceKey(address recorder, address obligor, bytes32 invoiceHash) public pure returns (bytes32) {
        return keccak256(abi.encode(recorder, obligor, invoiceHash));
    }

    /// @inheritdoc ITradeRegistry
    function currencyAllowed(address currency) external view returns (bool) {
        return _currencies[currency].allowed;
    }

    /// @inheritdoc ITradeRegistry
    function currencyEverAllowed(address currency) external view returns (bool) {
        return _currencies[currency].everAllowed;
    }

    function _requireTrade(uint256 tradeId) private view returns (Trade storage t) {
        t = _trades[tradeId];
        if (t.status == TradeStatus.None) revert UnknownTrade(tradeId);
    }

    function _isMember(uint256 allianceId, address account, uint16 roleMask) private view returns (bool) {
        return alliances.isActiveMember(allianceId, account, roleMask);
    }

    /// @dev A member in a selling role whose membership is suspended: it still gets the trade of
    /// goods it already delivered (`recordAuditedTrade`), or the obligor could cancel its own debt
    /// by suspending the supplier before accepting the goods.
    function _isSuspendedSeller(uint256 allianceId, address account) private view returns (bool) {
        IAllianceRegistry.Membership memory m = alliances.membershipOf(allianceId, account);
        return m.status == IAllianceRegistry.MemberStatus.Suspended && m.roles & EnterpriseRoles.SELLERS != 0;
    }

    function _requireAuditable(uint256 tradeId) private view returns (Trade storage t) {
        t = _requireTrade(tradeId);
        if (t.status != TradeStatus.Submitted) revert WrongTradeStatus(tradeId, t.status, TradeStatus.Submitted);
        if (!alliances.isActiveMember(t.allianceId, msg.sender, EnterpriseRoles.AUDITOR)) {
            revert NotAuditor(t.allianceId, msg.sender);
        }
        if (msg.sender == t.seller || msg.sender == t.buyer) revert AuditorIsParty(tradeId, msg.sender);
    }
}
