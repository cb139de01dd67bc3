using System.Runtime.CompilerServices;
using OrleansGateway.Edge.UsagePlans.Leases;

namespace OrleansGateway.Tests.Limits;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Callers_that_arrive_while_a_run_is_in_progress_share_it()
    {
        var flight = new SingleFlight();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Task Operation(TaskCompletionSource gate)
        {
            runs++;
            return gate.Task;
        }

        var first = flight.Run(Operation, release);
        var second = flight.Run(Operation, release);
        Assert.Same(first, second);
        Assert.True(flight.IsRunning);
        release.SetResult();
        await first;

        Assert.False(flight.IsRunning);
        await flight.Run(static _ => Task.CompletedTask, 0);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_new_run_starts_once_the_previous_one_finished()
    {
        var flight = new SingleFlight();
        var runs = 0;
        async Task Operation(int _)
        {
            runs++;
            await Task.Yield();
        }

        await flight.Run(Operation, 0);
        await flight.Run(Operation, 0);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_finished_run_is_not_kept_alive_by_the_flight()
    {
        // A lease (and its flight) lives in gen 2 for minutes: holding its last run until the next
        // one promoted every cold request's renewal task there.
        var flight = new SingleFlight();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = StartRun(flight, release);
        Assert.True(flight.IsRunning);
        release.SetResult();
        await WaitUntilDoneAsync(run);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(run.IsAlive);
        Assert.False(flight.IsRunning);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference StartRun(SingleFlight flight, TaskCompletionSource release) =>
        new(flight.Run(static async gate => await gate.Task, release));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsDone(WeakReference run) => run.Target is Task { IsCompleted: true };

    private static async Task WaitUntilDoneAsync(WeakReference run)
    {
        for (var i = 0; i < 1000 && run.IsAlive && !IsDone(run); i++)
        {
            await Task.Delay(1);
        }
    }
}
