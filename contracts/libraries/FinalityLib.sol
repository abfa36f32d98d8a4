// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

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
    ///         starts at batch 0. `reviews[0 .. reviewCount)` is a stack strictly ascending in both `batchIndex` and
    ///         `until`: a review another one dominates (a lower or equal index and a later or equal end) is never
    ///         kept, so the last review at or below a batch is the one that holds it longest. Slots at or above
    ///         `reviewCount` are stale and overwritten on reuse: dropping reviews only lowers the count.
    struct History {
        WindowChange[] windows;
        mapping(uint256 position => Review) reviews;
        uint256 reviewCount;
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
        uint256 windowIndex = _windowIndexOf(windows, batchIndex);
        at = submittedAt + windows[windowIndex].window;
        for (uint256 i = 1; i <= windowIndex; ++i) {
            uint256 lastUnderPrevious = windows[i].fromBatch - 1;
            if (lastUnderPrevious == 0 || lastUnderPrevious >= batchCount) continue;
            uint256 previousDeadline = submittedAtOf(lastUnderPrevious) + windows[i - 1].window;
            if (previousDeadline > at) at = previousDeadline;
        }
        // The last review at or below the batch ends last among all that hold it (the stack ascends in both).
        uint256 position = _firstAtOrAbove(history, batchIndex + 1);
        if (position != 0) {
            uint256 until = history.reviews[position - 1].until;
            if (until > at) at = until;
        }
    }

    /// @notice The fraud window batch `batchIndex` was submitted under: its own, before reviews and before the wait
    ///         for the last batch under an earlier, longer window.
    /// @param history The batch chain's windows and reviews.
    /// @param batchIndex Any batch index.
    /// @return The window in seconds.
    function windowOf(History storage history, uint256 batchIndex) internal view returns (uint256) {
        WindowChange[] storage windows = history.windows;
        return windows[_windowIndexOf(windows, batchIndex)].window;
    }

    /// @notice When the last review ends (0 when there is none): no batch is held back by a review past it.
    /// @param history The batch chain's windows and reviews.
    /// @return Unix time (seconds): the `until` of the top of the stack, or 0.
    function lastReviewUntil(History storage history) internal view returns (uint256) {
        uint256 count = history.reviewCount;
        return count == 0 ? 0 : history.reviews[count - 1].until;
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

    /// @notice Adds a review holding batch `batchIndex` and later ones back until `until`, in O(log n): a review at a
    ///         lower or equal index that ends no earlier makes it redundant (nothing changes); otherwise it replaces
    ///         every review at or above its index, ending no earlier than the last of them. That clamp only matters
    ///         when reviews end out of order (governance shortened the review time); it can hold a batch back longer
    ///         than the review of its own ancestors says, never shorter.
    /// @param history The batch chain's windows and reviews.
    /// @param batchIndex The batch whose DA request was answered.
    /// @param until Unix time (seconds) before which neither it nor a later batch finalizes (it must fit 64 bits).
    function addReview(History storage history, uint256 batchIndex, uint256 until) internal {
        uint256 count = history.reviewCount;
        uint256 position = _firstAtOrAbove(history, batchIndex);
        if (position != 0 && history.reviews[position - 1].until >= until) return;
        if (position < count) {
            uint256 top = history.reviews[count - 1].until;
            if (top > until) until = top;
        }
        history.reviews[position] = Review({batchIndex: uint64(batchIndex), until: uint64(until)});
        history.reviewCount = position + 1;
    }

    /// @notice Drops the reviews of batches at or after `fromIndex` (rolled back), in O(log n): they are the top of
    ///         the stack.
    /// @param history The batch chain's windows and reviews.
    /// @param fromIndex The first batch rolled back.
    function dropReviewsFrom(History storage history, uint256 fromIndex) internal {
        history.reviewCount = _firstAtOrAbove(history, fromIndex);
    }

    /// @dev The position of the window in force for `batchIndex`: the last change at or before it (there is one at 0).
    ///      Window changes are few (each is a governance vote), and the newest are checked first.
    function _windowIndexOf(WindowChange[] storage windows, uint256 batchIndex) private view returns (uint256 index) {
        index = windows.length - 1;
        while (windows[index].fromBatch > batchIndex) --index;
    }

    /// @dev The first position in the review stack whose batch index is at or above `batchIndex` (`reviewCount` if
    ///      none), by binary search.
    function _firstAtOrAbove(History storage history, uint256 batchIndex) private view returns (uint256 low) {
        uint256 high = history.reviewCount;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            if (history.reviews[middle].batchIndex < batchIndex) low = middle + 1;
            else high = middle;
        }
    }
}
