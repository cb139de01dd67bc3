namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// What a SQL token is. The one-letter codes follow libinjection's fingerprint alphabet
/// (Nick Galbreath, BSD-3-Clause) so a token sequence reads like one of its fingerprints.
/// </summary>
internal enum SqlTokenKind : byte
{
    /// <summary>A keyword with no more specific role (FROM, WHERE, AS, INTO...).</summary>
    Keyword = (byte)'k',

    /// <summary>UNION or INTERSECT.</summary>
    Union = (byte)'U',

    /// <summary>A statement start: SELECT, INSERT, UPDATE, DELETE, DROP, EXEC...</summary>
    Statement = (byte)'E',

    /// <summary>A clause that follows an expression: ORDER, GROUP, HAVING, LIMIT, PROCEDURE.</summary>
    Clause = (byte)'B',

    /// <summary>A function call: a name followed by an opening parenthesis.</summary>
    Function = (byte)'f',

    /// <summary>An identifier or an ordinary word.</summary>
    Bareword = (byte)'n',

    /// <summary>A number, NULL, TRUE or FALSE.</summary>
    Number = (byte)'1',

    /// <summary>A variable: @name or @@name.</summary>
    Variable = (byte)'v',

    /// <summary>A quoted string.</summary>
    String = (byte)'s',

    /// <summary>An operator: comparison, arithmetic, LIKE, IN, IS, BETWEEN...</summary>
    Operator = (byte)'o',

    /// <summary>A logic operator: AND, OR, XOR, &amp;&amp;, ||.</summary>
    Logic = (byte)'&',

    /// <summary>A comment: --, # or /* */.</summary>
    Comment = (byte)'c',

    /// <summary>An opening parenthesis.</summary>
    OpenParen = (byte)'(',

    /// <summary>A closing parenthesis.</summary>
    CloseParen = (byte)')',

    /// <summary>A comma.</summary>
    Comma = (byte)',',

    /// <summary>A semicolon.</summary>
    Semicolon = (byte)';',

    /// <summary>A dot between names (schema.table).</summary>
    Dot = (byte)'.',

    /// <summary>Something a SQL parser would not accept here.</summary>
    Unknown = (byte)'?',

    /// <summary>A construct with no innocent use: MySQL's executable comment /*! */ or a nested comment.</summary>
    Evil = (byte)'X',
}
