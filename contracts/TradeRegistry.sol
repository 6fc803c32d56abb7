// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
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
    using SafeCast for uint256;

    /// @inheritdoc ITradeRegistry
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @inheritdoc ITradeRegistry
    bytes32 public constant AUDITING_CONTRACT_ROLE = keccak256("AUDITING_CONTRACT_ROLE");

    /// @inheritdoc ITradeRegistry
    IAllianceRegistry public immutable alliances;
    /// @inheritdoc ITradeRegistry
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

    /// @notice Deploy the trade registry; `operator` is its admin.
    /// @param operator The platform operator (admin).
    /// @param allianceRegistry The membership registry.
    constructor(address operator, IAllianceRegistry allianceRegistry) PlatformAccess(operator) {
        if (address(allianceRegistry) == address(0)) revert ZeroAddress();
        alliances = allianceRegistry;
    }

    /// @inheritdoc ITradeRegistry
    function submitTrade(
        uint256 allianceId,
        address buyer,
        address currency,
        uint256 amount,
        bytes32 invoiceHash,
        bytes32 orderHash,
        bytes32 deliveryHash
    ) external returns (uint256 tradeId) {
        return _recordTrade(
            allianceId, msg.sender, buyer, currency, amount, invoiceHash, orderHash, deliveryHash, address(0)
        );
    }

    /// @inheritdoc ITradeRegistry
    function setCurrencyAllowed(address currency, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (currency.code.length == 0) revert InvalidCurrency(currency);
        CurrencyApproval storage c = _currencies[currency];
        c.allowed = allowed;
        if (allowed) c.everAllowed = true;
        emit CurrencyAllowed(currency, allowed);
    }

    /// @inheritdoc ITradeRegistry
    function verifyTrade(uint256 tradeId) external {
        Trade storage t = _requireAuditable(tradeId);
        t.status = TradeStatus.Verified;
        t.auditor = msg.sender;
        emit TradeVerified(tradeId, msg.sender);
    }

    /// @inheritdoc ITradeRegistry
    function rejectTrade(uint256 tradeId, bytes32 reasonHash) external {
        Trade storage t = _requireAuditable(tradeId);
        t.status = TradeStatus.Rejected;
        t.auditor = msg.sender;
        emit TradeRejected(tradeId, msg.sender, reasonHash);
    }

    /// @inheritdoc ITradeRegistry
    function withdrawTrade(uint256 tradeId) external {
        Trade storage t = _requireTrade(tradeId);
        if (t.seller != msg.sender) revert NotSeller(tradeId, msg.sender);
        if (t.status != TradeStatus.Submitted) revert WrongTradeStatus(tradeId, t.status, TradeStatus.Submitted);
        t.status = TradeStatus.Withdrawn;
        emit TradeWithdrawn(tradeId);
    }

    /// @inheritdoc ITradeRegistry
    /// @dev The invoice key's namespace is the caller: a plain submission can never produce it.
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
        return _recordTrade(
            allianceId, seller, buyer, currency, amount, invoiceHash, orderHash, deliveryHash, msg.sender
        );
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
        t.rootId = rootId.toUint48();
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

    /// @dev The one way a trade comes into being. `auditor` 0: a seller's submission (invoice key
    /// in namespace 0, currency approved now, seller an active member, status Submitted). Else
    /// an auditing contract's record (invoice key in the auditor's namespace, currency ever
    /// approved, a suspended seller accepted, status Verified with the auditor recorded).
    function _recordTrade(
        uint256 allianceId,
        address seller,
        address buyer,
        address currency,
        uint256 amount,
        bytes32 invoiceHash,
        bytes32 orderHash,
        bytes32 deliveryHash,
        address auditor
    ) private returns (uint256 tradeId) {
        bool recorded = auditor != address(0);
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint96).max) revert AmountTooLarge(amount);
        if (allianceId > type(uint32).max) revert InvalidAlliance(allianceId);
        if (invoiceHash == bytes32(0)) revert MissingDocument(0);
        if (orderHash == bytes32(0)) revert MissingDocument(1);
        if (deliveryHash == bytes32(0)) revert MissingDocument(2);
        CurrencyApproval storage approval = _currencies[currency];
        if (!(recorded ? approval.everAllowed : approval.allowed)) revert CurrencyNotAllowed(currency);
        if (buyer == seller) revert SelfTrade(buyer);
        uint256 bound = _invoiceTrade[invoiceKey(auditor, buyer, invoiceHash)];
        if (bound != 0) revert InvoiceAlreadyUsed(invoiceHash, bound);
        if (
            !alliances.isActiveMember(allianceId, seller, EnterpriseRoles.SELLERS)
                && !(recorded && _isSuspendedSeller(allianceId, seller))
        ) {
            revert SellerNotMember(allianceId, seller);
        }
        if (!alliances.isActiveMember(allianceId, buyer, EnterpriseRoles.CORE)) {
            revert BuyerNotObligor(allianceId, buyer);
        }
        tradeId = ++tradeCount;
        Trade storage t = _trades[tradeId];
        t.seller = seller;
        t.status = recorded ? TradeStatus.Verified : TradeStatus.Submitted;
        t.allianceId = uint32(allianceId); // bound: checked against type(uint32).max above
        t.buyer = buyer;
        t.currency = currency;
        t.amount = uint96(amount); // bound: checked against type(uint96).max above
        if (recorded) {
            // a seller's submission gets its auditor from verifyTrade or rejectTrade
            t.recorded = true;
            t.auditor = auditor;
        }
        t.invoiceHash = invoiceHash;
        t.orderHash = orderHash;
        t.deliveryHash = deliveryHash;
        emit TradeSubmitted(tradeId, allianceId, seller, buyer, currency, amount, invoiceHash, orderHash, deliveryHash);
        if (recorded) emit TradeVerified(tradeId, auditor);
    }

    function _requireTrade(uint256 tradeId) private view returns (Trade storage t) {
        t = _trades[tradeId];
        if (t.status == TradeStatus.None) revert UnknownTrade(tradeId);
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
