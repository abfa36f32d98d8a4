// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IBatchChain} from "../interfaces/IBatchChain.sol";

/// @title PauseLib
/// @notice The pause clock: a list of pause intervals (guardian pauses and maintenance windows) and the "active time"
///         they define, `A(t) = t - (seconds of [0, t) inside an interval)`, a clock that stops while paused. Every
///         protocol window is measured in active time, so that time spent paused counts toward none of them.
/// @dev Intervals `[start, end)` are kept sorted by start and disjoint (a guardian pause clipped at a maintenance
///      window's start touches it; maintenance windows keep a gap from every other interval), each with the total
///      paused time of the intervals before it (`pausedBefore`, a prefix sum), so that {activeTimeAt} and its inverse
///      {wallTimeAt} are binary searches. Only the future ever changes: a guardian pause starts now, a maintenance
///      window is scheduled ahead, an unpause cuts the current interval at now and a cancellation removes an upcoming
///      window, so `A(t)` for `t <= now` never changes once read. Changes shift at most the upcoming intervals (the
///      caller caps them), never the history. Times are Unix seconds; they and every sum fit 40 bits.
///      BatchChain links this library (its functions are public: delegatecalled) to stay under the code size limit;
///      its common paths never call it (see BatchChain's `clockOn` and `latestEnd`).
library PauseLib {
    /// @notice A pause interval `[start, end)`.
    /// @param start Wall time (Unix seconds) the pause starts.
    /// @param end Wall time (Unix seconds) it ends (never before `start`; equal once an unpause cut it at its start).
    /// @param pausedBefore Seconds paused in all earlier intervals.
    /// @param maintenance Whether it is a maintenance window (else a guardian pause).
    struct Interval {
        uint40 start;
        uint40 end;
        uint40 pausedBefore;
        bool maintenance;
    }

    /// @notice Every pause interval known: past, current and upcoming, sorted by start.
    struct Clock {
        Interval[] intervals;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Active time at wall time `t`: `t` minus the seconds of `[0, t)` inside known intervals. Exact for
    ///         `t <= now`; for a later `t`, exact unless a further pause is added.
    /// @param clock The pause intervals.
    /// @param t A wall time, Unix seconds.
    /// @return The active time at `t`, in seconds.
    function activeTimeAt(Clock storage clock, uint256 t) internal view returns (uint256) {
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        if (count == 0) return t;
        uint256 position = _lastStartingAtOrBefore(intervals, t, count);
        if (position == 0) return t;
        Interval memory interval = intervals[position - 1];
        if (t < interval.end) return uint256(interval.start) - interval.pausedBefore;
        return t - interval.pausedBefore - (uint256(interval.end) - interval.start);
    }

    /// @notice The earliest wall time whose active time is `a`, given the known intervals: when a clock deadline in
    ///         active time `a` comes, in wall time (exact unless a further pause is added before it).
    /// @param clock The pause intervals.
    /// @param a An active time, in seconds.
    /// @return t The earliest wall time (Unix seconds) `t` with `activeTimeAt(t) == a`. Never strictly inside an
    ///         interval, but it may be an interval's start: a deadline `a` reached just as a pause begins is reached
    ///         at that pause's first second, while paused (a batch is final then, but its payouts wait for the end).
    function wallTimeAt(Clock storage clock, uint256 a) internal view returns (uint256 t) {
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        if (count == 0) return a;
        // The first interval whose start has active time `a` or more: `a` falls in the gap before it.
        uint256 low;
        uint256 high = count;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            Interval memory interval = intervals[middle];
            if (uint256(interval.start) - interval.pausedBefore < a) low = middle + 1;
            else high = middle;
        }
        if (low < count) return a + intervals[low].pausedBefore;
        Interval memory last = intervals[count - 1];
        return a + last.pausedBefore + (uint256(last.end) - last.start);
    }

    /// @notice The interval that contains wall time `t`, if any.
    /// @param clock The pause intervals.
    /// @param t A wall time, Unix seconds.
    /// @return found Whether an interval contains `t` (`start <= t < end`).
    /// @return position Its position in the list (0 when not found).
    function intervalAt(Clock storage clock, uint256 t) internal view returns (bool found, uint256 position) {
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        if (count == 0) return (false, 0);
        position = _lastStartingAtOrBefore(intervals, t, count);
        if (position == 0) return (false, 0);
        --position;
        if (t < intervals[position].end) return (true, position);
        return (false, 0);
    }

    /// @notice Whether wall time `t` is inside a known interval.
    /// @param clock The pause intervals.
    /// @param t A wall time, Unix seconds.
    /// @return True when paused at `t`.
    function pausedAt(Clock storage clock, uint256 t) internal view returns (bool) {
        (bool found, ) = intervalAt(clock, t);
        return found;
    }

    /// @notice When the pause containing wall time `t` ends: the end of its interval, or of the last of a run of
    ///         intervals that touch it (a guardian pause clipped at a maintenance window runs into it).
    /// @param clock The pause intervals.
    /// @param t A wall time, Unix seconds.
    /// @return until Wall time (Unix seconds) the clock resumes; 0 when not paused at `t`.
    function pausedUntil(Clock storage clock, uint256 t) internal view returns (uint256 until) {
        (bool found, uint256 position) = intervalAt(clock, t);
        if (!found) return 0;
        Interval[] storage intervals = clock.intervals;
        until = intervals[position].end;
        uint256 count = intervals.length;
        for (uint256 i = position + 1; i < count && intervals[i].start == until; ++i) until = intervals[i].end;
    }

    /// @notice The latest end of any known interval (the last one's: they are sorted and disjoint), 0 if none.
    /// @param clock The pause intervals.
    /// @return Wall time (Unix seconds): no interval reaches past it.
    function latestEnd(Clock storage clock) internal view returns (uint256) {
        uint256 count = clock.intervals.length;
        return count == 0 ? 0 : clock.intervals[count - 1].end;
    }

    /// @notice The first known interval that overlaps `[start, end)`, if any (intervals that only touch it do not).
    /// @param clock The pause intervals.
    /// @param start Wall time (Unix seconds) the candidate starts.
    /// @param end Wall time it ends, after `start`.
    /// @return found Whether one overlaps.
    /// @return otherStart Its start (0 if none).
    /// @return otherEnd Its end (0 if none).
    function overlap(
        Clock storage clock,
        uint256 start,
        uint256 end
    ) internal view returns (bool found, uint256 otherStart, uint256 otherEnd) {
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        // Only the last interval starting before `end` can reach into the candidate: earlier ones end before it starts.
        uint256 position = _lastStartingAtOrBefore(intervals, end - 1, count);
        if (position == 0) return (false, 0, 0);
        Interval memory interval = intervals[position - 1];
        if (interval.end > start) return (true, interval.start, interval.end);
        return (false, 0, 0);
    }

    /// @notice The known interval nearest `[start, end)` on either side that is less than `gap` away from it, if any.
    ///         The caller has checked that it overlaps none ({overlap}): then every interval starting at or before
    ///         `start` ends by it, the last of them latest, and every other one starts at or after `end`, the first of
    ///         them earliest, so those two are the only ones to look at.
    /// @param clock The pause intervals.
    /// @param start Wall time (Unix seconds) the candidate starts.
    /// @param end Wall time it ends, after `start`.
    /// @param gap Least distance, in seconds, between the candidate and any other interval.
    /// @return found Whether one is too close.
    /// @return otherStart Its start (0 if none).
    /// @return otherEnd Its end (0 if none).
    function tooClose(
        Clock storage clock,
        uint256 start,
        uint256 end,
        uint256 gap
    ) internal view returns (bool found, uint256 otherStart, uint256 otherEnd) {
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        uint256 position = _lastStartingAtOrBefore(intervals, start, count);
        if (position != 0) {
            Interval memory previous = intervals[position - 1];
            if (uint256(previous.end) + gap > start) return (true, previous.start, previous.end);
        }
        if (position < count) {
            Interval memory next = intervals[position];
            if (uint256(next.start) < end + gap) return (true, next.start, next.end);
        }
        return (false, 0, 0);
    }

    /// @notice Maintenance windows that have not ended at wall time `t` (the current one, if any, and the upcoming).
    /// @param clock The pause intervals.
    /// @param t A wall time, Unix seconds.
    /// @return starts Their starts, ascending (Unix seconds).
    /// @return ends Their ends (Unix seconds).
    function maintenanceAfter(
        Clock storage clock,
        uint256 t
    ) internal view returns (uint256[] memory starts, uint256[] memory ends) {
        Interval[] storage intervals = clock.intervals;
        uint256 first = _firstEndingAfter(intervals, t);
        uint256 count = intervals.length;
        uint256 n;
        for (uint256 i = first; i < count; ++i) if (intervals[i].maintenance) ++n;
        starts = new uint256[](n);
        ends = new uint256[](n);
        n = 0;
        for (uint256 i = first; i < count; ++i) {
            Interval memory interval = intervals[i];
            if (!interval.maintenance) continue;
            (starts[n], ends[n]) = (interval.start, interval.end);
            ++n;
        }
    }

    /// @notice The interval at `position`.
    /// @param clock The pause intervals.
    /// @param position A position below the count.
    /// @return The interval.
    function at(Clock storage clock, uint256 position) internal view returns (Interval memory) {
        return clock.intervals[position];
    }

    // -------------------------------------------------------------------------------------------------------------
    // Changes
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Adds a pause `[now_, min(now_ + duration, next interval's start))`: a guardian pause never reaches
    ///         into a scheduled window. The caller checks that `now_` is in no interval and `duration > 0`.
    /// @param clock The pause intervals.
    /// @param now_ The current wall time (Unix seconds): every interval starting later is upcoming.
    /// @param duration The requested length, in seconds.
    /// @return until Wall time (Unix seconds) the pause ends.
    function insertPause(Clock storage clock, uint256 now_, uint256 duration) internal returns (uint256 until) {
        Interval[] storage intervals = clock.intervals;
        uint256 position = _lastStartingAtOrBefore(intervals, now_, intervals.length);
        until = now_ + duration;
        if (position < intervals.length && intervals[position].start < until) until = intervals[position].start;
        _insert(clock, position, now_, until, false);
    }

    /// @notice Adds a maintenance window `[start, end)`. The caller checks that it overlaps nothing ({overlap}).
    /// @param clock The pause intervals.
    /// @param start Wall time (Unix seconds) it starts, in the future.
    /// @param end Wall time it ends, after `start`.
    function insertMaintenance(Clock storage clock, uint256 start, uint256 end) internal {
        Interval[] storage intervals = clock.intervals;
        _insert(clock, _lastStartingAtOrBefore(intervals, start, intervals.length), start, end, true);
    }

    /// @notice Cuts the interval at `position` to end at `now_` (an unpause), which must lie inside it, and moves the
    ///         later intervals' prefix sums back by the time removed.
    /// @param clock The pause intervals.
    /// @param position The current interval's position ({intervalAt}).
    /// @param now_ The current wall time, Unix seconds.
    /// @return maintenance Whether the interval cut was a maintenance window.
    function truncate(Clock storage clock, uint256 position, uint256 now_) internal returns (bool maintenance) {
        Interval[] storage intervals = clock.intervals;
        Interval storage interval = intervals[position];
        uint256 removed = uint256(interval.end) - now_;
        interval.end = uint40(now_);
        maintenance = interval.maintenance;
        uint256 count = intervals.length;
        for (uint256 i = position + 1; i < count; ++i) intervals[i].pausedBefore -= uint40(removed);
    }

    /// @notice Removes the maintenance window that starts at `start`, if there is one that has not started at
    ///         `now_`, and moves the later intervals' prefix sums back by its length.
    /// @param clock The pause intervals.
    /// @param start Wall time (Unix seconds) the window starts.
    /// @param now_ The current wall time, Unix seconds.
    /// @return found Whether such a window was removed.
    /// @return end The removed window's end (0 if none).
    function removeMaintenance(
        Clock storage clock,
        uint256 start,
        uint256 now_
    ) internal returns (bool found, uint256 end) {
        if (start <= now_) return (false, 0);
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        uint256 position = _lastStartingAtOrBefore(intervals, start, count);
        if (position == 0) return (false, 0);
        --position;
        Interval memory removed = intervals[position];
        if (removed.start != start || !removed.maintenance) return (false, 0);
        uint40 length = removed.end - removed.start;
        for (uint256 i = position + 1; i < count; ++i) {
            Interval memory next = intervals[i];
            next.pausedBefore -= length;
            intervals[i - 1] = next;
        }
        intervals.pop();
        return (true, removed.end);
    }

    /// @notice How many maintenance windows have not ended at wall time `t`.
    /// @param clock The pause intervals.
    /// @param t A wall time, Unix seconds.
    /// @return n The count.
    function maintenanceCountAfter(Clock storage clock, uint256 t) internal view returns (uint256 n) {
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        for (uint256 i = _firstEndingAfter(intervals, t); i < count; ++i) if (intervals[i].maintenance) ++n;
    }

    // -------------------------------------------------------------------------------------------------------------
    // BatchChain's entry points (public: delegatecalled; they revert with IBatchChain's errors)
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Adds a guardian pause at `now_` ({insertPause}); reverts with {IBatchChain-BatchChainAlreadyPaused}
    ///         while paused.
    /// @param clock The pause intervals.
    /// @param now_ The current wall time, Unix seconds.
    /// @param duration The requested length, in seconds (more than 0; the caller checks the bound).
    /// @return until Wall time (Unix seconds) the pause ends.
    /// @return latest {latestEnd} afterwards.
    function pause(Clock storage clock, uint256 now_, uint256 duration) public returns (uint256 until, uint256 latest) {
        until = pausedUntil(clock, now_);
        if (until != 0) revert IBatchChain.BatchChainAlreadyPaused(until);
        until = insertPause(clock, now_, duration);
        latest = latestEnd(clock);
    }

    /// @notice Cuts the current interval at `now_` ({truncate}); reverts with {IBatchChain-BatchChainNotPaused} when
    ///         nothing is paused.
    /// @param clock The pause intervals.
    /// @param now_ The current wall time, Unix seconds.
    /// @return maintenance Whether the interval cut was a maintenance window.
    /// @return latest {latestEnd} afterwards.
    function unpause(Clock storage clock, uint256 now_) public returns (bool maintenance, uint256 latest) {
        (bool found, uint256 position) = intervalAt(clock, now_);
        if (!found) revert IBatchChain.BatchChainNotPaused();
        maintenance = truncate(clock, position, now_);
        latest = latestEnd(clock);
    }

    /// @notice Adds the maintenance window `[start, end)` after checking it overlaps nothing
    ///         ({IBatchChain-BatchChainMaintenanceOverlaps}), starts at least `minGap` after the end of every known
    ///         interval before it and ends at least `minGap` before the start of every one after it
    ///         ({IBatchChain-BatchChainMaintenanceTooClose}), and that fewer than `maxUpcoming` windows are not over
    ///         at `now_` ({IBatchChain-BatchChainTooManyMaintenanceWindows}).
    /// @param clock The pause intervals.
    /// @param now_ The current wall time, Unix seconds.
    /// @param start Wall time (Unix seconds) it starts, after `now_`.
    /// @param end Wall time it ends, after `start`.
    /// @param maxUpcoming Most windows not over at once.
    /// @param minGap Least time, in seconds, between the window and any other interval.
    /// @return latest {latestEnd} afterwards.
    function schedule(
        Clock storage clock,
        uint256 now_,
        uint256 start,
        uint256 end,
        uint256 maxUpcoming,
        uint256 minGap
    ) public returns (uint256 latest) {
        (bool overlaps, uint256 otherStart, uint256 otherEnd) = overlap(clock, start, end);
        if (overlaps) revert IBatchChain.BatchChainMaintenanceOverlaps(start, end, otherStart, otherEnd);
        (overlaps, otherStart, otherEnd) = tooClose(clock, start, end, minGap);
        if (overlaps) revert IBatchChain.BatchChainMaintenanceTooClose(start, end, otherStart, otherEnd);
        if (maintenanceCountAfter(clock, now_) >= maxUpcoming)
            revert IBatchChain.BatchChainTooManyMaintenanceWindows(maxUpcoming);
        insertMaintenance(clock, start, end);
        latest = latestEnd(clock);
    }

    /// @notice Removes the upcoming maintenance window starting at `start` ({removeMaintenance}); reverts with
    ///         {IBatchChain-BatchChainNoSuchMaintenance} if there is none.
    /// @param clock The pause intervals.
    /// @param now_ The current wall time, Unix seconds.
    /// @param start Wall time (Unix seconds) the window starts.
    /// @return end The window's end.
    /// @return latest {latestEnd} afterwards.
    function cancel(Clock storage clock, uint256 now_, uint256 start) public returns (uint256 end, uint256 latest) {
        bool found;
        (found, end) = removeMaintenance(clock, start, now_);
        if (!found) revert IBatchChain.BatchChainNoSuchMaintenance(start);
        latest = latestEnd(clock);
    }

    /// @notice Whether paused at `now_`, until when, and whether by a maintenance window.
    /// @param clock The pause intervals.
    /// @param now_ The current wall time, Unix seconds.
    /// @return paused Whether an interval contains `now_`.
    /// @return until {pausedUntil}.
    /// @return maintenance Whether the interval containing `now_` is a maintenance window.
    function status(
        Clock storage clock,
        uint256 now_
    ) public view returns (bool paused, uint256 until, bool maintenance) {
        (bool found, uint256 position) = intervalAt(clock, now_);
        if (!found) return (false, 0, false);
        return (true, pausedUntil(clock, now_), clock.intervals[position].maintenance);
    }

    /// @notice {maintenanceAfter}, for a view.
    /// @param clock The pause intervals.
    /// @param now_ The current wall time, Unix seconds.
    /// @return starts Their starts, ascending (Unix seconds).
    /// @return ends Their ends (Unix seconds).
    function windows(
        Clock storage clock,
        uint256 now_
    ) public view returns (uint256[] memory starts, uint256[] memory ends) {
        return maintenanceAfter(clock, now_);
    }

    /// @notice {wallTimeAt}, for views and reverts that report a wall time.
    /// @param clock The pause intervals.
    /// @param a An active time, in seconds.
    /// @return The earliest wall time (Unix seconds) whose active time is `a`.
    function wallTime(Clock storage clock, uint256 a) public view returns (uint256) {
        return wallTimeAt(clock, a);
    }

    /// @notice {activeTimeAt}, for views.
    /// @param clock The pause intervals.
    /// @param t A wall time, Unix seconds.
    /// @return The active time at `t`, in seconds.
    function activeTime(Clock storage clock, uint256 t) public view returns (uint256) {
        return activeTimeAt(clock, t);
    }

    /// @notice What a submission needs while a pause interval may matter, in one call.
    /// @param clock The pause intervals.
    /// @param now_ The current wall time, Unix seconds.
    /// @param since The last acceptance (Unix seconds, not after `now_`).
    /// @return until {pausedUntil} at `now_` (0: not paused).
    /// @return pausedSince Seconds of `[since, now_)` inside intervals.
    /// @return later Whether an interval ends after `now_`.
    function submission(
        Clock storage clock,
        uint256 now_,
        uint256 since
    ) public view returns (uint256 until, uint256 pausedSince, bool later) {
        until = pausedUntil(clock, now_);
        pausedSince = (now_ - activeTimeAt(clock, now_)) - (since - activeTimeAt(clock, since));
        later = latestEnd(clock) > now_;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Internals
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Inserts `[start, end)` at `position` (every interval before it starts at or before `start`, every one from
    ///      it on after `end`), shifting the later ones up and adding its length to their prefix sums.
    function _insert(Clock storage clock, uint256 position, uint256 start, uint256 end, bool maintenance) private {
        Interval[] storage intervals = clock.intervals;
        uint256 count = intervals.length;
        uint256 pausedBefore;
        if (position != 0) {
            Interval memory previous = intervals[position - 1];
            pausedBefore = uint256(previous.pausedBefore) + (uint256(previous.end) - previous.start);
        }
        uint40 length = uint40(end - start);
        intervals.push();
        for (uint256 i = count; i > position; --i) {
            Interval memory moved = intervals[i - 1];
            moved.pausedBefore += length;
            intervals[i] = moved;
        }
        intervals[position] = Interval({
            start: uint40(start),
            end: uint40(end),
            pausedBefore: uint40(pausedBefore),
            maintenance: maintenance
        });
    }

    /// @dev How many intervals start at or before `t` (the position after the last one that does), by binary search.
    function _lastStartingAtOrBefore(
        Interval[] storage intervals,
        uint256 t,
        uint256 count
    ) private view returns (uint256 low) {
        uint256 high = count;
        // Most reads are about now or the recent past, at or after the last interval's start.
        if (count != 0 && intervals[count - 1].start <= t) return count;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            if (intervals[middle].start <= t) low = middle + 1;
            else high = middle;
        }
    }

    /// @dev The first position whose interval ends after `t` (ends ascend, as the intervals are disjoint).
    function _firstEndingAfter(Interval[] storage intervals, uint256 t) private view returns (uint256 low) {
        uint256 high = intervals.length;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            if (intervals[middle].end <= t) low = middle + 1;
            else high = middle;
        }
    }
}
