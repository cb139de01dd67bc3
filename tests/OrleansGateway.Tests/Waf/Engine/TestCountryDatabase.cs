using System.Net;
using System.Text;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>
/// Writes a tiny MaxMind DB (format 2.0, IPv4, 24-bit records, database type GeoLite2-Country) that
/// maps IPv4 networks to ISO country codes, so the real <c>MaxMind.GeoIP2</c> reader can be tested
/// without shipping MaxMind's licensed data. Layout per the MaxMind DB spec: search tree, 16 zero
/// bytes, data section, metadata marker, metadata map.
/// </summary>
internal static class TestCountryDatabase
{
    private sealed class Node
    {
        public Node?[] Children { get; } = new Node?[2];

        public string?[] Countries { get; } = new string?[2];

        public int Number { get; set; }
    }

    public static string Write(string directory, params (string Cidr, string Country)[] networks)
    {
        var root = new Node();
        foreach (var (cidr, country) in networks)
        {
            var network = IPNetwork.Parse(cidr);
            var bytes = network.BaseAddress.GetAddressBytes();
            var node = root;
            for (var bit = 0; bit < network.PrefixLength; bit++)
            {
                var side = (bytes[bit / 8] >> (7 - (bit % 8))) & 1;
                if (bit == network.PrefixLength - 1)
                {
                    node.Countries[side] = country;
                }
                else
                {
                    node = node.Children[side] ??= new Node();
                }
            }
        }

        var nodes = new List<Node>();
        var queue = new Queue<Node>([root]);
        while (queue.TryDequeue(out var node))
        {
            node.Number = nodes.Count;
            nodes.Add(node);
            foreach (var child in node.Children)
            {
                if (child is not null)
                {
                    queue.Enqueue(child);
                }
            }
        }

        var data = new List<byte>();
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var country in networks.Select(network => network.Country).Distinct())
        {
            offsets[country] = data.Count;
            Map(data, 1);
            String(data, "country");
            Map(data, 1);
            String(data, "iso_code");
            String(data, country);
        }

        var file = new List<byte>();
        var nodeCount = nodes.Count;
        foreach (var node in nodes)
        {
            for (var side = 0; side < 2; side++)
            {
                var record = node.Children[side] is { } child ? child.Number
                    : node.Countries[side] is { } country ? nodeCount + 16 + offsets[country]
                    : nodeCount;
                file.Add((byte)(record >> 16));
                file.Add((byte)(record >> 8));
                file.Add((byte)record);
            }
        }
        file.AddRange(new byte[16]);
        file.AddRange(data);
        file.AddRange([0xAB, 0xCD, 0xEF]);
        file.AddRange(Encoding.ASCII.GetBytes("MaxMind.com"));
        Map(file, 9);
        String(file, "binary_format_major_version");
        Unsigned(file, 5, 2);
        String(file, "binary_format_minor_version");
        Unsigned(file, 5, 0);
        String(file, "build_epoch");
        Unsigned(file, 9, 1_700_000_000);
        String(file, "database_type");
        String(file, "GeoLite2-Country");
        String(file, "description");
        Map(file, 1);
        String(file, "en");
        String(file, "test countries");
        String(file, "ip_version");
        Unsigned(file, 5, 4);
        String(file, "languages");
        file.Add(1); // extended type, 1 element
        file.Add(11 - 7); // array
        String(file, "en");
        String(file, "node_count");
        Unsigned(file, 6, (ulong)nodeCount);
        String(file, "record_size");
        Unsigned(file, 5, 24);

        var path = Path.Combine(directory, "test-country.mmdb");
        File.WriteAllBytes(path, [.. file]);
        return path;
    }

    private static void Map(List<byte> output, int size) => output.Add((byte)((7 << 5) | size));

    private static void String(List<byte> output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        output.Add((byte)((2 << 5) | bytes.Length));
        output.AddRange(bytes);
    }

    /// <summary>An unsigned integer of MaxMind type 5 (uint16), 6 (uint32) or 9 (uint64, extended), big-endian, minimal length.</summary>
    private static void Unsigned(List<byte> output, int type, ulong value)
    {
        var bytes = new List<byte>();
        for (var v = value; v != 0; v >>= 8)
        {
            bytes.Insert(0, (byte)v);
        }
        if (type <= 7)
        {
            output.Add((byte)((type << 5) | bytes.Count));
        }
        else
        {
            output.Add((byte)bytes.Count);
            output.Add((byte)(type - 7));
        }
        output.AddRange(bytes);
    }
}
