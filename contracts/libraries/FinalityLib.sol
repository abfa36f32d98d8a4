// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title FinalityLib
/// @notice When a batch finalizes, from the history of fraud windows and DA reviews (PROTOCOL section 5).
/// @dev A window change applies to batches submitted after it, so a batch that is final stays final whatever
///      governance does later; a DA answer for a batch holds it and every later batch back until the review ends.
///      Two rules tie the deadlines together: within one window they grow with the batch index (submission times do),
///      and across a shortened window a batch waits for the last batch under the longer one, so a child never
///      finalizes before its parent.
library FinalityLib {
    /// @notice A fraud window in force for batches from `fromBatch` on.
    struct WindowChange {
        uint64 fromBatch;
        uint32 window;
    }

    /// @notice A DA answer for `batchIndex`: it and later batches finalize no earlier than `until`.
    struct Review {
        uint64 batchIndex;
        uint64 until;
    }

    /// @notice The windows and reviews a deadline depends on. `windows` is ordered by `fromBatch` and its first entry
    ///         starts at batch 0; `reviews` has no order.
    struct History {
        WindowChange[] windows;
        Review[] reviews;
    }

    /// @notice When batch `batchIndex` (not 0), submitted at `submittedAt`, finalizes if nothing is open against it.
    /// @param history The batch chain's windows and reviews.
    /// @param batchIndex The batch, in the chain and not 0.
    /// @param submittedAt Its submission time, in Unix seconds.
    /// @param batchCount Batches in the chain: a window boundary at or beyond it has no batch before it to wait for.
    /// @param submittedAtOf The submission time of a batch below `batchCount`.
    /// @return at Unix time (seconds) from which the batch is final: `submittedAt` plus its window, or later when the
    ///         last batch under an earlier, longer window finalizes later, or a review of it or an ancestor ends later.
    function deadline(
        History storage history,
        uint256 batchIndex,
        uint256 submittedAt,
        uint256 batchCount,
        function(uint256) view returns (uint256) submittedAtOf
    ) internal view returns (uint256 at) {
        WindowChange[] storage windows = history.windows;
        uint256 windowIndex = windows.length - 1;
        while (windows[windowIndex].fromBatch > batchIndex) --windowIndex;
        at = submittedAt + windows[windowIndex].window;
        for (uint256 i = 1; i <= windowIndex; ++i) {
            uint256 lastUnderPrevious = windows[i].fromBatch - 1;
            if (lastUnderPrevious == 0 || lastUnderPrevious >= batchCount) continue;
            uint256 previousDeadline = submittedAtOf(lastUnderPrevious) + windows[i - 1].window;
            if (previousDeadline > at) at = previousDeadline;
        }
        Review[] storage reviews = history.reviews;
        for (uint256 i; i < reviews.length; ++i) {
            Review memory review = reviews[i];
            if (review.batchIndex <= batchIndex && review.until > at) at = review.until;
        }
    }

    /// @notice Puts `window` in force from batch `fromBatch` on and returns the window it replaces for new batches (0
    ///         for the first). Entries that start at or after `fromBatch` (left by a change made before a rollback)
    ///         are replaced, so the list stays ordered; the first entry (batch 0) always stays.
    /// @param history The batch chain's windows and reviews.
    /// @param fromBatch The first batch the window applies to: the next batch to be submitted (0 at deployment).
    /// @param window The fraud window, in seconds (it must fit 32 bits).
    /// @return old The window in force for new batches until now, in seconds (0 for the first call).
    function setWindow(History storage history, uint256 fromBatch, uint256 window) internal returns (uint256 old) {
        WindowChange[] storage windows = history.windows;
        if (windows.length != 0) old = windows[windows.length - 1].window;
        while (windows.length > 1 && windows[windows.length - 1].fromBatch >= fromBatch) windows.pop();
        windows.push(WindowChange({fromBatch: uint64(fromBatch), window: uint32(window)}));
    }

    /// @notice Adds a review holding batch `batchIndex` and later ones back until `until`.
    /// @param history The batch chain's windows and reviews.
    /// @param batchIndex The batch whose DA request was answered.
    /// @param until Unix time (seconds) before which neither it nor a later batch finalizes.
    function addReview(History storage history, uint256 batchIndex, uint256 until) internal {
        history.reviews.push(Review({batchIndex: uint64(batchIndex), until: uint64(until)}));
    }

    /// @notice Drops the reviews of batches at or after `fromIndex` (rolled back).
    /// @param history The batch chain's windows and reviews.
    /// @param fromIndex The first batch rolled back.
    function dropReviewsFrom(History storage history, uint256 fromIndex) internal {
        Review[] storage reviews = history.reviews;
        for (uint256 i = reviews.length; i > 0; --i) {
            if (reviews[i - 1].batchIndex >= fromIndex) _removeAt(reviews, i - 1);
        }
    }

    /// @notice Drops the reviews that ended by `time`: they cannot hold anything back any more.
    /// @param history The batch chain's windows and reviews.
    /// @param time Now, in Unix seconds: reviews that end at or before it are dropped.
    function dropEndedReviews(History storage history, uint256 time) internal {
        Review[] storage reviews = history.reviews;
        for (uint256 i = reviews.length; i > 0; --i) {
            if (reviews[i - 1].until <= time) _removeAt(reviews, i - 1);
        }
    }

    function _removeAt(Review[] storage list, uint256 position) private {
        list[position] = list[list.length - 1];
        list.pop();
    }
}
