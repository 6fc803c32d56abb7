// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Platform errors
/// @notice Every custom error of the platform, declared once, grouped by domain in the manner of
/// OpenZeppelin's IERC6093 (draft-IERC6093.sol). A contract's interface inherits the groups its
/// contract reverts with, so each error has one selector, one argument list and one sentence
/// platform-wide (tests and `scf/live/errors.py` decode them by name). A rejection names what is
/// wrong and changes nothing.
/// The only errors declared elsewhere are the status errors whose arguments are an enum of a
/// contract's interface (WrongTradeStatus, WrongRootStatus, WrongPhase, ...): each is declared
/// once, next to its enum, in that interface (this file cannot import the interfaces that
/// inherit from it).

/// @notice Argument and clock checks shared by several contracts.
interface ICommonErrors {
    /// @notice The amount does not fit the 96-bit amount field of a trade or order.
    error AmountTooLarge(uint256 amount);
    /// @notice The annual rate exceeds the maximum (PlatformConstants.MAX_RATE_BPS).
    error RateTooHigh(uint256 rateBps, uint256 maximum);
    /// @notice Too early: the step is possible from `notBefore` on (a deal's buy-back: due date plus
    /// grace period, `id` = deal id; marking a root overdue or defaulted, `id` = root id).
    error TooEarly(uint256 id, uint256 notBefore);
    /// @notice A quantity, value or amount does not fit its storage field (96 or 128 bits).
    error TooLarge(uint256 amount);
    /// @notice An address argument is zero (a constructor's contract or operator address, a
    /// recipient).
    error ZeroAddress();
    /// @notice An amount of zero was given.
    error ZeroAmount();
    /// @notice A value of zero was given (a payable's face value, a receipt's valuation).
    error ZeroValue();
}

/// @title ICurrencyErrors
/// @notice Currencies: approval by the operator, exact transfers, matching currencies.
interface ICurrencyErrors {
    /// @notice The operator has not approved this currency in the trade registry (fee-on-transfer,
    /// rebasing or non-reverting tokens are kept out this way): for a submission or a new credit
    /// order it is not approved now; for an auditing contract's record it was never approved.
    error CurrencyNotAllowed(address currency);
    /// @notice The currency is not a contract.
    error InvalidCurrency(address currency);
    /// @notice The currency delivered a different amount than requested (fee-on-transfer or
    /// rebasing): refused by ExactTransfer.pullExact wherever cash is taken in.
    error UnsupportedCurrency(address currency, uint256 expected, uint256 received);
    /// @notice `currency` is not the one required here (an offer's currency against the piece's
    /// root currency; a piece's currency against the pool's).
    error WrongCurrency(address currency, address required);
}

/// @title IPlatformAccessErrors
/// @notice Contract roles and the wiring seal (PlatformAccess, every operated contract).
interface IPlatformAccessErrors {
    /// @notice A contract role can only be granted to a contract (an account with code).
    error GranteeNotContract(bytes32 role, address account);
    /// @notice The wiring is sealed: contract roles can no longer be granted or revoked.
    error WiringIsSealed(bytes32 role, address account);
}

/// @title IMembershipErrors
/// @notice Alliance membership of a party, checked by the contracts that take it in.
interface IMembershipErrors {
    /// @notice The financier is not an active member of the alliance in the financier role.
    error FinancierNotMember(uint256 allianceId, address financier);
    /// @notice `account` is not the financier this step needs: the deal's or the loan's financier
    /// (`id` = deal or loan id: AdvancePayment, InventoryFinancing), or an active financier of the
    /// alliance (`id` = alliance id: SecuritizationPool originators).
    error NotFinancier(uint256 id, address account);
    /// @notice The recipient (or first holder) is not an active member of the alliance of the piece
    /// or receipt.
    error RecipientNotMember(uint256 allianceId, address recipient);
}

/// @title IAllianceRegistryErrors
/// @notice Enterprises, alliances and memberships (AllianceRegistry).
interface IAllianceRegistryErrors {
    /// @notice The alliance has already started.
    error AllianceAlreadyStarted(uint256 allianceId);
    /// @notice The core enterprise cannot be suspended or leave its own alliance.
    error CoreEnterpriseIsPermanent(uint256 allianceId, address core);
    /// @notice The grace period exceeds the documented maximum.
    error GracePeriodTooLong(uint64 gracePeriod, uint64 maximum);
    /// @notice The role mask is empty or has bits outside the known roles.
    error InvalidRoles(uint16 roles);
    /// @notice The alliance cannot start while invitations are pending.
    error InvitationsPending(uint256 allianceId, uint32 pending);
    /// @notice The account's certified roles do not include the ones required.
    error MissingRoles(address account, uint16 required, uint16 certified);
    /// @notice The account has no pending invitation to the alliance.
    error NoInvitation(uint256 allianceId, address account);
    /// @notice The account is not an active member of the alliance.
    error NotActiveMember(uint256 allianceId, address account);
    /// @notice Only the alliance's core enterprise may do this.
    error NotAllianceCore(uint256 allianceId, address caller);
    /// @notice The account is not certified by the operator.
    error NotCertified(address account);
    /// @notice Only the alliance's core enterprise or the platform operator may do this.
    error NotCoreOrOperator(uint256 allianceId, address caller);
    /// @notice The account is not a suspended member of the alliance.
    error NotSuspended(uint256 allianceId, address account);
    /// @notice The roles to certify were not all applied for.
    error RolesNotApplied(address account, uint16 roles, uint16 applied);
    /// @notice No alliance has this id.
    error UnknownAlliance(uint256 allianceId);
    /// @notice The identity-document hash is zero.
    error ZeroIdHash();
}

/// @title ITradeRegistryErrors
/// @notice Trade background and the invoice rule (TradeRegistry).
interface ITradeRegistryErrors {
    /// @notice An auditor cannot verify a trade it is a party to.
    error AuditorIsParty(uint256 tradeId, address auditor);
    /// @notice The buyer is not an active core enterprise (obligor) of the alliance.
    error BuyerNotObligor(uint256 allianceId, address buyer);
    /// @notice The confirmed face value exceeds the audited trade amount.
    error FaceValueExceedsTrade(uint256 faceValue, uint256 tradeAmount);
    /// @notice The alliance id does not fit 32 bits (an unknown id that fits is refused as
    /// SellerNotMember: nobody is an active member of it).
    error InvalidAlliance(uint256 allianceId);
    /// @notice The invoice already backs a receivable of the same obligor (trade `tradeId` was
    /// confirmed with it).
    error InvoiceAlreadyUsed(bytes32 invoiceHash, uint256 tradeId);
    /// @notice A document hash is zero (0 = invoice, 1 = order/contract, 2 = delivery note).
    error MissingDocument(uint8 document);
    /// @notice The caller is not an active auditor of the trade's alliance.
    error NotAuditor(uint256 allianceId, address caller);
    /// @notice Only the trade's seller may do this.
    error NotSeller(uint256 tradeId, address caller);
    /// @notice Seller and buyer are the same account.
    error SelfTrade(address account);
    /// @notice The seller is not an active member of the alliance in a selling role.
    error SellerNotMember(uint256 allianceId, address seller);
    /// @notice No trade has this id.
    error UnknownTrade(uint256 tradeId);
}

/// @title IPieceErrors
/// @notice Receivable pieces as other contracts see them (ReceivableToken, FinancingMarket,
/// SecuritizationPool).
interface IPieceErrors {
    /// @notice The caller is neither the piece's holder nor approved by it.
    error NotPieceHolder(uint256 pieceId, address caller);
    /// @notice The piece is locked by a platform contract (the market's and the pool's view).
    error PieceIsLocked(uint256 pieceId);
    /// @notice The piece is locked by platform contract `locker`: its holder cannot move, split,
    /// merge or surrender it, and no one can lock it again, until `locker` unlocks it.
    error PieceLockedBy(uint256 pieceId, address locker);
    /// @notice The piece is locked by platform contract `locker`, not by `caller`: only the
    /// locker may unlock, release, move, split or burn it.
    error NotLocker(uint256 pieceId, address locker, address caller);
    /// @notice The piece is not locked (nothing to unlock or release).
    error PieceNotLocked(uint256 pieceId);
    /// @notice Settlement of the root has begun (a repayment or an overdue mark): its pieces no
    /// longer move.
    error RootIsFrozen(uint256 rootId);
    /// @notice The root has matured: its pieces no longer move.
    error RootMatured(uint256 rootId, uint256 maturity);
}

/// @title IReceivableTokenErrors
/// @notice Confirming payables, splitting, merging and locking pieces (ReceivableToken).
interface IReceivableTokenErrors {
    /// @notice A merge needs at least two pieces, at most MAX_BATCH.
    error BadMergeList(uint256 length, uint256 maximum);
    /// @notice Recipients and amounts differ in length, or the list is empty or too long.
    error BadSplitList(uint256 recipients, uint256 amounts, uint256 maximum);
    /// @notice Merged pieces must belong to the same root.
    error DifferentRoots(uint256 pieceId, uint256 rootId, uint256 expectedRootId);
    /// @notice A piece appears twice in a merge.
    error DuplicatePiece(uint256 pieceId);
    /// @notice The signed confirmation's nonce is not the obligor's next nonce (used, cancelled
    /// or not yet reached).
    error InvalidConfirmationNonce(address obligor, uint256 nonce, uint256 expected);
    /// @notice The confirmation was not signed by the trade's obligor.
    error InvalidSigner(address signer, address obligor);
    /// @notice The maturity is not in (now, now + MAX_TENOR].
    error MaturityOutOfRange(uint256 maturity, uint256 earliest, uint256 latest);
    /// @notice The caller is not the trade's buyer (the obligor).
    error NotObligor(uint256 tradeId, address caller);
    /// @notice Every nonce up to `throughNonce` is already used or cancelled.
    error NothingToCancel(address obligor, uint256 throughNonce, uint256 nextNonce);
    /// @notice Merged pieces must carry the same right of recourse (the same sale, or none).
    error RecourseMismatch(uint256 pieceId, uint256 saleId, uint256 expectedSaleId);
    /// @notice The signed confirmation's deadline has passed.
    error SignatureExpired(uint256 deadline, uint256 nowTime);
    /// @notice A split must leave the holder a non-zero remainder (use transfer to pass it whole).
    error SplitExhaustsPiece(uint256 pieceId, uint256 value, uint256 splitTotal);
}

/// @title IGoodsErrors
/// @notice Goods and warehouse receipts as the receipt token and the goods financings see them
/// (WarehouseReceipt, InventoryFinancing, AdvancePayment).
interface IGoodsErrors {
    /// @notice The caller is neither the receipt's holder nor (for the receipt's own transfers)
    /// approved by it.
    error NotReceiptHolder(uint256 receiptId, address caller);
    /// @notice The receipt is already locked (pledged or under another financing deal).
    error ReceiptAlreadyLocked(uint256 receiptId, address lockedBy);
    /// @notice The goods-description hash is zero.
    error ZeroGoodsHash();
    /// @notice A quantity of zero was given.
    error ZeroQuantity();
}

/// @title IWarehouseReceiptErrors
/// @notice Issuing, splitting, locking and redeeming warehouse receipts (WarehouseReceipt).
interface IWarehouseReceiptErrors {
    /// @notice Only the warehouse that issued the lot may redeem its receipts.
    error NotIssuingWarehouse(uint256 receiptId, address caller);
    /// @notice The holder has not surrendered the receipt to the warehouse (approved it).
    error NotSurrendered(uint256 receiptId, address holder);
    /// @notice The caller is not an active warehouse (logistics) operator of the alliance.
    error NotWarehouse(uint256 allianceId, address caller);
    /// @notice A split must leave the receipt a non-zero quantity (transfer it to pass it whole).
    error SplitExhaustsReceipt(uint256 receiptId, uint256 quantity, uint256 splitQuantity);
}

/// @title IFinancingMarketErrors
/// @notice Offers and discounting sales (FinancingMarket).
interface IFinancingMarketErrors {
    /// @notice The amount exceeds the piece's value.
    error AmountExceedsPiece(uint256 amount, uint256 pieceValue);
    /// @notice The expiry is not in the future.
    error BadExpiry(uint256 expiry);
    /// @notice The offer's fee is not the platform fee in force.
    error FeeMismatch(uint256 offerFeeBps, uint256 platformFeeBps);
    /// @notice The signature is not the financier's.
    error InvalidSignature(address signer, address financier);
    /// @notice Only the offer's financier may do this.
    error NotOfferFinancier(uint256 offerId, address caller);
    /// @notice The offer is bound to another seller (a recourse offer prices one seller's credit).
    error NotOfferSeller(address boundSeller, address caller);
    /// @notice The offer has expired.
    error OfferExpired(uint256 expiry, uint256 nowTime);
    /// @notice The piece already carries a right of recourse: it can be sold on only without recourse.
    error PieceCarriesRecourse(uint256 pieceId, uint256 saleId);
    /// @notice The root has matured or settlement began: its pieces no longer trade.
    error PieceNotTradable(uint256 pieceId, uint256 maturity, bool frozen);
    /// @notice The price is below the seller's minimum.
    error PriceBelowMinimum(uint256 price, uint256 minPrice);
    /// @notice A financier cannot buy its own piece.
    error SelfDealing(address account);
    /// @notice The signed offer was already taken or cancelled.
    error SignedOfferUsed(bytes32 offerHash);
    /// @notice The signed offer's nonce is not the financier's current nonce.
    error StaleNonce(uint256 nonce, uint256 current);
    /// @notice No live piece has this id.
    error UnknownPiece(uint256 pieceId);
}

/// @title ISettlementErrors
/// @notice Repayment, claims, overdue/default marking and recourse (Settlement).
interface ISettlementErrors {
    /// @notice A claim list is empty or longer than MAX_BATCH.
    error BadClaimList(uint256 length, uint256 maximum);
    /// @notice Before maturity only the root's obligor may repay it.
    error EarlyRepaymentByOthers(uint256 rootId, address caller, uint256 maturity);
    /// @notice Before maturity the obligor may only repay the whole outstanding amount (a
    /// part-payment would freeze its creditors' pieces early).
    error EarlyRepaymentMustBeInFull(uint256 rootId, uint256 outstanding, uint256 offered);
    /// @notice The piece carries no right of recourse, or recourse was already called on it.
    error NoRecourse(uint256 pieceId);
    /// @notice Only the piece's holder may call recourse.
    error NotRecourseFinancier(uint256 pieceId, address caller);
    /// @notice Nothing is due: the piece already collected what recourse would pay.
    error NothingDue(uint256 pieceId);
    /// @notice The piece has nothing to claim now.
    error NothingToClaim(uint256 pieceId);
    /// @notice The period exceeds the maximum.
    error PeriodTooLong(uint256 period, uint256 maximum);
    /// @notice The recourse call is not open.
    error RecourseNotOpen(uint256 pieceId);
    /// @notice The repayment exceeds what is still owed on the root.
    error RepaymentExceedsOutstanding(uint256 amount, uint256 outstanding);
    /// @notice The root is fully repaid: it can be neither overdue nor defaulted.
    error RootRepaid(uint256 rootId);
    /// @notice No root has this id.
    error UnknownRoot(uint256 rootId);
}

/// @title ISecuritizationPoolErrors
/// @notice Pools, offerings, collections and the waterfall (SecuritizationPool).
interface ISecuritizationPoolErrors {
    /// @notice The piece was already written down.
    error AlreadyWrittenDown(uint256 pieceId);
    /// @notice A batch of pieces to collect is empty or longer than MAX_POOL_PIECES.
    error BadCollectList(uint256 length, uint256 maximum);
    /// @notice The deadline is not in (now, now + MAX_OFFERING_PERIOD].
    error BadDeadline(uint256 deadline, uint256 latest);
    /// @notice The maturity window is empty.
    error BadMaturityWindow(uint256 minMaturity, uint256 maxMaturity);
    /// @notice maxPieces is zero or above MAX_POOL_PIECES.
    error BadPieceLimit(uint256 maxPieces, uint256 maximum);
    /// @notice The target raise is zero or above the pool's value.
    error BadTarget(uint256 target, uint256 poolValue);
    /// @notice A basis-point parameter is above its maximum.
    error BpsTooHigh(uint256 bps, uint256 maximum);
    /// @notice The piece would take the obligor's exposure above the concentration cap.
    error ConcentrationExceeded(address obligor, uint256 exposure, uint256 cap);
    /// @notice The pool holds no piece.
    error EmptyPool(uint256 poolId);
    /// @notice With this target one tranche would be empty.
    error EmptyTranche(uint256 seniorCapacity, uint256 juniorCapacity);
    /// @notice The subscription exceeds what is left of the tranche.
    error ExceedsCapacity(bool senior, uint256 amount, uint256 remaining);
    /// @notice A fully subscribed offering cannot be cancelled (anyone can close it).
    error FullySubscribed(uint256 poolId);
    /// @notice The root's maturity is outside the pool's window.
    error MaturityOutsideWindow(uint256 maturity, uint256 minMaturity, uint256 maxMaturity);
    /// @notice The offering cannot close before both tranches are fully subscribed.
    error NotFullySubscribed(uint256 seniorSold, uint256 seniorCapacity, uint256 juniorSold, uint256 juniorCapacity);
    /// @notice The account is not an active investor of the alliance.
    error NotInvestor(uint256 allianceId, address account);
    /// @notice Only the pool's originator may do this.
    error NotOriginator(uint256 poolId, address caller);
    /// @notice The piece has brought no new cash since its last collection.
    error NothingToCollect(uint256 pieceId);
    /// @notice The pool holds no undistributed cash.
    error NothingToDistribute(uint256 poolId);
    /// @notice The caller holds no tranche token of the cancelled pool.
    error NothingToRefund(uint256 poolId, address holder);
    /// @notice The piece has no unrecovered value to write down (fully repaid).
    error NothingToWriteDown(uint256 pieceId);
    /// @notice The obligor is not on the pool's allow-list.
    error ObligorNotAllowed(uint256 poolId, address obligor);
    /// @notice The offering's deadline has passed.
    error OfferingEnded(uint256 deadline);
    /// @notice An undersubscribed offering can be cancelled only after its deadline.
    error OfferingStillOpen(uint256 deadline);
    /// @notice The piece is not in this pool.
    error PieceNotInPool(uint256 poolId, uint256 pieceId);
    /// @notice The pool already holds its maximum number of pieces.
    error PoolFull(uint256 maxPieces);
    /// @notice The piece would take the pool above its maximum total value.
    error PoolValueExceeded(uint256 value, uint256 maxTotalValue);
    /// @notice The piece's root is not marked defaulted in Settlement.
    error RootNotDefaulted(uint256 rootId);
    /// @notice The obligor allow-list is too long.
    error TooManyObligors(uint256 count, uint256 maximum);
    /// @notice No pool has this id.
    error UnknownPool(uint256 poolId);
}

/// @title ITrancheTokenErrors
/// @notice Tranche tokens and their pulled payouts (TrancheToken).
interface ITrancheTokenErrors {
    /// @notice Funds cannot be distributed while no token exists.
    error NoSupply();
    /// @notice Only the pool contract that created the token may do this.
    error NotPool(address caller);
    /// @notice The holder has no payout waiting.
    error NothingToWithdraw(address holder);
    /// @notice The token does not hold the cash it is asked to distribute.
    error UnbackedDistribution(uint256 owed, uint256 balance);
}

/// @title IOrderEscrowErrors
/// @notice Purchase orders, logistics milestones and disputes (OrderEscrow).
interface IOrderEscrowErrors {
    /// @notice The buyer is not an active core enterprise of the alliance.
    error BuyerNotCore(uint256 allianceId, address buyer);
    /// @notice The delivery deadline has not passed yet.
    error DeadlineNotPassed(uint256 orderId, uint256 deadline);
    /// @notice The delivery deadline is not in (now, now + MAX_DELIVERY_TIME].
    error DeadlineOutOfRange(uint256 deadline, uint256 earliest, uint256 latest);
    /// @notice The dispute window ended at `endedAt`.
    error DisputeWindowClosed(uint256 orderId, uint256 endedAt);
    /// @notice Before `endsAt` only the buyer can accept (after it, acceptance is deemed).
    error DisputeWindowOpen(uint256 orderId, uint256 endsAt);
    /// @notice A party to the order cannot record its milestones.
    error LogisticsIsParty(uint256 orderId, address caller);
    /// @notice The caller is neither an auditor of the alliance (not a party) nor the operator.
    error NotArbiter(uint256 allianceId, address caller);
    /// @notice Only the order's buyer may do this.
    error NotBuyer(uint256 orderId, address caller);
    /// @notice The caller is not an active logistics operator of the order's alliance.
    error NotLogistics(uint256 allianceId, address caller);
    /// @notice The purchase-order document already backs an open or paid order.
    error OrderHashUsed(bytes32 orderHash, uint256 orderId);
    /// @notice The payment term is outside [minimum, maximum] days (credit 1..365, cash 0).
    error PaymentTermOutOfRange(uint256 termDays, uint256 minimum, uint256 maximum);
    /// @notice The supplier's share exceeds the order amount.
    error ResolutionExceedsAmount(uint256 supplierAmount, uint256 amount);
    /// @notice Buyer and supplier are the same account.
    error SelfOrder(address account);
    /// @notice The supplier is not an active supplier of the alliance.
    error SupplierNotMember(uint256 allianceId, address supplier);
    /// @notice No order has this id.
    error UnknownOrder(uint256 orderId);
    /// @notice The dispute window is longer than the maximum.
    error WindowTooLong(uint256 window, uint256 maximum);
    /// @notice A document hash is zero.
    error ZeroDocument();
}

/// @title IInventoryFinancingErrors
/// @notice Pledge loans on warehouse receipts (InventoryFinancing).
interface IInventoryFinancingErrors {
    /// @notice The duration is zero or longer than the maximum.
    error BadDuration(uint256 durationDays, uint256 maximum);
    /// @notice The borrower no longer holds the receipt it asked to pledge.
    error BorrowerNoLongerHolds(uint256 loanId, address holder);
    /// @notice The pledged receipt is no longer the collateral the loan was requested against
    /// (it was split since): funding would lend the principal against less than agreed.
    error CollateralChanged(uint256 loanId, uint256 quantity, uint256 value, uint256 nowQuantity, uint256 nowValue);
    /// @notice Only the loan's borrower may do this.
    error NotBorrower(uint256 loanId, address caller);
    /// @notice The loan is not due yet: foreclosure is possible after `dueAt`.
    error NotDueYet(uint256 loanId, uint256 dueAt);
    /// @notice The principal exceeds the receipt's value.
    error PrincipalAboveValue(uint256 principal, uint256 value);
    /// @notice No loan has this id.
    error UnknownLoan(uint256 loanId);
    /// @notice The principal is zero.
    error ZeroPrincipal();
}

/// @title IAdvancePaymentErrors
/// @notice Advance-payment (prepayment) deals (AdvancePayment).
interface IAdvancePaymentErrors {
    /// @notice The term is zero or longer than the maximum.
    error BadTerm(uint256 termDays, uint256 maximum);
    /// @notice The seller is not an active core enterprise of the alliance.
    error CoreNotMember(uint256 allianceId, address core);
    /// @notice The distributor is not an active distributor of the alliance.
    error DistributorNotMember(uint256 allianceId, address distributor);
    /// @notice Only the deal's core enterprise may do this.
    error NotCore(uint256 dealId, address caller);
    /// @notice Only a party to the deal (distributor, core enterprise, financier) may do this.
    error NotParty(uint256 dealId, address caller);
    /// @notice The instalment exceeds what is still owed.
    error RepaymentExceedsBalance(uint256 amount, uint256 balance);
    /// @notice The deal carries another receipt than the one the financier expects at funding.
    error UnexpectedReceipt(uint256 dealId, uint256 receiptId, uint256 expected);
    /// @notice No deal has this id.
    error UnknownDeal(uint256 dealId);
    /// @notice The receipt is for other goods or another alliance than the deal.
    error WrongGoods(uint256 receiptId, uint256 allianceId, bytes32 goodsHash);
    /// @notice The receipt is for another quantity than the deal.
    error WrongQuantity(uint256 receiptId, uint256 quantity, uint256 required);
}
