using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>The SQL vocabulary the tokenizer classifies words with (MySQL, SQL Server, PostgreSQL, Oracle, SQLite, DB2 dialects).</summary>
internal static class SqlKeywords
{
    private static readonly FrozenDictionary<string, SqlTokenKind> Words = Build();

    // Calls with no use in ordinary text: time delays, file reads, error-based extraction, fingerprinting.
    private static readonly FrozenSet<string> DangerousFunctions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "sleep", "benchmark", "pg_sleep", "load_file", "extractvalue", "updatexml", "group_concat", "concat_ws",
        "name_const", "make_set", "export_set", "randomblob", "xp_cmdshell", "current_user", "system_user",
        "session_user", "db_name", "user_name", "is_srvrolemember", "has_dbaccess", "sqlite_version",
        "regexp_substring", "crypt_key", "dbms_pipe.receive_message", "utl_inaddr.get_host_address",
        "utl_http.request", "ctxsys.drithsx.sn", "dbms_xmlgen.getxml", "xmltype", "getpgusername", "pg_read_file",
        "pg_ls_dir", "lo_import", "current_database", "load_extension", "json_keys", "gtid_subset", "row_count",
        "found_rows", "last_insert_id", "connection_id", "aes_decrypt", "aes_encrypt", "des_decrypt", "unhex",
        "dbms_lock.sleep", "st_latfromgeohash", "st_longfromgeohash", "st_pointfromgeohash", "geometrycollection",
        "multipoint", "multilinestring", "multipolygon", "polygon", "linestring", "exp", "xmlelement",
        "dbms_utility.sqlid_to_sqlhash", "sys.fn_sqlvarbasetostr", "sys.fn_varbintohexstr", "char_length",
        "database", "version", "schema", "user", "@@version");

    // Names that only a database catalogue or an attack uses.
    private static readonly FrozenSet<string> StrongWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "information_schema", "sysobjects", "syscolumns", "sysusers", "sysdatabases", "sysibm", "sysmaster",
        "systables", "syscat", "sqlite_master", "sqlite_temp_master", "pg_catalog", "pg_shadow", "pg_user",
        "pg_tables", "pg_database", "all_tables", "all_tab_columns", "all_users", "user_tables", "dba_users",
        "xp_cmdshell", "sp_password", "sp_executesql", "sp_oacreate", "xp_regread", "xp_dirtree", "utl_inaddr",
        "utl_http", "dbms_pipe", "dbms_lock", "dbms_xmlgen", "mysql.user", "msysaccessobjects", "msysobjects",
        "rdb$fields", "rdb$types", "rdb$collations", "rdb$functions", "rdb$database", "rdb$relations", "outfile",
        "dumpfile", "sys.objects", "sys.tables", "tempdb", "v$version",
        "@@version", "@@datadir", "@@hostname", "@@basedir", "@@tmpdir", "@@version_compile_os", "@@servername",
        "@@spid", "@@language", "@@microsoftversion", "msdb", "mysql.db", "northwind", "schema_name", "pg_sleep",
        "sys.sql_logins", "sys.server_principals", "pg_stat_activity");

    // Kind and strength in one dictionary, so the tokenizer pays one lookup per word; span lookups keep the
    // per-request path allocation-free.
    private static readonly FrozenDictionary<string, (SqlTokenKind Kind, bool Strong)> Vocabulary = BuildVocabulary();

    private static readonly FrozenDictionary<string, (SqlTokenKind Kind, bool Strong)>.AlternateLookup<ReadOnlySpan<char>> VocabularyLookup =
        Vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int LongestWord = Vocabulary.Keys.Max(word => word.Length);


    /// <summary>Every word of the vocabulary (tests feed them through the detector).</summary>
    internal static IEnumerable<string> AllWords => Vocabulary.Keys;

    /// <summary>The kind of <paramref name="word"/> when it is SQL vocabulary (null otherwise), and whether it names a catalogue or attack-only procedure.</summary>
    public static (SqlTokenKind? Kind, bool Strong) Classify(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > LongestWord || !MayBeVocabulary(word) || !VocabularyLookup.TryGetValue(word, out var entry))
        {
            return (null, false);
        }
        return (entry.Kind == default ? null : entry.Kind, entry.Strong);
    }

    /// <summary>True when <paramref name="name"/> is a function with no use in ordinary input.</summary>
    public static bool IsDangerousFunction(ReadOnlySpan<char> name) =>
        DangerousFunctions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    // Which (first letter, second letter, length) triples the vocabulary has: most words of ordinary text fail this
    // bit test, which costs far less than hashing them for the dictionary.
    private static readonly ulong[] Shapes = BuildShapes();

    private static bool MayBeVocabulary(ReadOnlySpan<char> word)
    {
        var first = (char)(word[0] | 0x20) - 'a';
        var second = (char)(word[1] | 0x20) - 'a';
        if ((uint)first >= 26 || (uint)second >= 26 || word.Length > 63)
        {
            return true;
        }
        return (Shapes[(first * 26) + second] & (1UL << word.Length)) != 0;
    }

    private static ulong[] BuildShapes()
    {
        var shapes = new ulong[26 * 26];
        foreach (var word in Vocabulary.Keys)
        {
            var first = (char)(word[0] | 0x20) - 'a';
            var second = (char)(word[1] | 0x20) - 'a';
            if ((uint)first < 26 && (uint)second < 26 && word.Length <= 63)
            {
                shapes[(first * 26) + second] |= 1UL << word.Length;
            }
        }
        return shapes;
    }

    private static FrozenDictionary<string, (SqlTokenKind Kind, bool Strong)> BuildVocabulary()
    {
        var vocabulary = new Dictionary<string, (SqlTokenKind, bool)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, kind) in Words)
        {
            vocabulary[word] = (kind, false);
        }
        foreach (var word in StrongWords)
        {
            vocabulary[word] = (vocabulary.TryGetValue(word, out var entry) ? entry.Item1 : default, true);
        }
        return vocabulary.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<string, SqlTokenKind> Build()
    {
        var words = new Dictionary<string, SqlTokenKind>(StringComparer.OrdinalIgnoreCase);
        void Add(SqlTokenKind kind, params string[] names)
        {
            foreach (var name in names)
            {
                words[name] = kind;
            }
        }

        Add(SqlTokenKind.Statement, "select", "insert", "update", "delete", "drop", "create", "alter", "truncate",
            "exec", "execute", "declare", "shutdown", "waitfor", "merge", "grant", "revoke", "rename", "call",
            "handler", "replace", "load", "begin", "commit", "rollback", "print", "open", "fetch", "deallocate", "kill",
            "use", "show", "describe", "explain", "pragma", "attach", "backup", "restore", "dbcc");
        Add(SqlTokenKind.Union, "union", "intersect");
        Add(SqlTokenKind.Logic, "and", "or", "xor", "&&", "||");
        Add(SqlTokenKind.Operator, "like", "rlike", "regexp", "similar", "sounds", "div", "mod", "is", "in", "not",
            "between", "escape", "collate", "glob", "match", "against", "binary", "ilike");
        Add(SqlTokenKind.Clause, "order", "group", "having", "limit", "procedure", "offset");
        Add(SqlTokenKind.Number, "null", "true", "false", "unknown", "current_timestamp", "current_date",
            "localtime", "localtimestamp");
        Add(SqlTokenKind.Keyword, "set", "from", "where", "as", "by", "all", "distinct", "into", "values", "table",
            "database", "top", "case", "when", "then", "else", "end", "asc", "desc", "join", "inner", "outer",
            "cross", "natural", "on", "using", "delay", "time", "outfile", "dumpfile", "column", "columns", "index",
            "view", "trigger", "function", "if", "exists", "with", "for", "returns", "return",
            "varchar", "nvarchar", "int", "integer", "bigint", "smallint", "signed", "unsigned", "decimal", "float",
            "text", "blob", "char", "varbinary", "cursor", "while", "loop", "goto", "tran",
            "transaction", "to", "straight_join", "sql_calc_found_rows", "lock", "share", "mode", "nowait",
            "distinctrow", "high_priority", "ignore", "low_priority", "quick", "duplicate", "key", "primary",
            "foreign", "references", "default", "temporary", "identified", "password", "privileges",
            "master", "dbo", "sys", "sysdate", "rownum", "level", "connect", "prior", "start", "nocount",
            "openrowset", "opendatasource", "openquery", "bulk", "xml", "raw", "path", "auto", "explicit");
        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
