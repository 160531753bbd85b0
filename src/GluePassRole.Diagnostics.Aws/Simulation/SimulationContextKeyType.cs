using System.Diagnostics.CodeAnalysis;

namespace GluePassRole.Diagnostics.Aws.Simulation;

/// <summary>The simulator's context key types (<c>ContextKeyType</c>).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members mirror the IAM API's ContextKeyType values.")]
internal enum SimulationContextKeyType
{
    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>stringList</c>.</summary>
    StringList,

    /// <summary><c>numeric</c>.</summary>
    Numeric,

    /// <summary><c>numericList</c>.</summary>
    NumericList,

    /// <summary><c>boolean</c>.</summary>
    Boolean,

    /// <summary><c>booleanList</c>.</summary>
    BooleanList,

    /// <summary><c>ip</c>.</summary>
    Ip,

    /// <summary><c>ipList</c>.</summary>
    IpList,

    /// <summary><c>binary</c>.</summary>
    Binary,

    /// <summary><c>binaryList</c>.</summary>
    BinaryList,

    /// <summary><c>date</c>.</summary>
    Date,

    /// <summary><c>dateList</c>.</summary>
    DateList,
}
