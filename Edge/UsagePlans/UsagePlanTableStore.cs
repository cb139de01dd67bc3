namespace OrleansGateway.Edge.UsagePlans;

/// <summary>The edge's current <see cref="UsagePlanTable"/>, replaced by one reference write.</summary>
public sealed class UsagePlanTableStore
{
    private volatile UsagePlanTable _current = UsagePlanTable.Empty;

    /// <summary>The table requests read.</summary>
    public UsagePlanTable Current => _current;

    /// <summary>Installs <paramref name="table"/> unless an equal or newer version is installed.</summary>
    public bool Apply(UsagePlanTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        while (true)
        {
            var current = _current;
            if (current.Version >= table.Version)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _current, table, current) == current)
            {
                return true;
            }
        }
    }
}
