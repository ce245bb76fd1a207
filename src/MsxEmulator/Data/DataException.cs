namespace MsxEmulator.Data;

/// <summary>The data (a --data file or the seed options) is not usable; the message says why.</summary>
public sealed class DataException : Exception
{
    public DataException()
    {
    }

    public DataException(string message)
        : base(message)
    {
    }

    public DataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
