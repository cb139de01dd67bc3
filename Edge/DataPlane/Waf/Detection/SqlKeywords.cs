using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>The SQL vocabulary the tokenizer classifies words with (MySQL, SQL Server, PostgreSQL, Oracle, SQLite, DB2 dialects).</summary>
internal static class SqlKeywords
{
    private static readonly FrozenDictionary<string, SqlTokenKind> Words = Build();

    // Span lookups keep the per-request path allocation-free.
    private static readonly FrozenDictionary<string, SqlTokenKind>.AlternateLookup<ReadOnlySpan<char>> WordLookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

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

    /// <summary>The kind of <paramref name="word"/> when it is SQL vocabulary, otherwise null.</summary>
    public static SqlTokenKind? Classify(ReadOnlySpan<char> word) =>
        WordLookup.TryGetValue(word, out var kind) ? kind : null;

    /// <summary>True when <paramref name="name"/> is a function with no use in ordinary input.</summary>
    public static bool IsDangerousFunction(ReadOnlySpan<char> name) =>
        DangerousFunctions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    /// <summary>True when <paramref name="word"/> names a database catalogue or an attack-only procedure.</summary>
    public static bool IsStrongWord(ReadOnlySpan<char> word) =>
        StrongWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

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
