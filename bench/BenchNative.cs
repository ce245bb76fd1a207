// Compiled with Add-Type by bench/Invoke-Benchmark.ps1 (never part of the module or its tests).
using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MsxBench
{
    /// <summary>The reference row: a compiled cmdlet that binds one Guid parameter and writes nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "Nothing")]
    public sealed class GetNothingCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        public Guid Id { get; set; }

        protected override void ProcessRecord()
        {
        }
    }

    /// <summary>Counts first-chance exceptions in this process (evidence for where per-call time goes).</summary>
    public static class FirstChance
    {
        private static int _count;
        private static bool _hooked;

        public static int Count { get { return Volatile.Read(ref _count); } }

        public static void Hook()
        {
            if (_hooked) return;
            _hooked = true;
            AppDomain.CurrentDomain.FirstChanceException += (s, e) => Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Drives the emulator directly (no PowerShell): create then delete, N at once.</summary>
    public static class EmulatorLoad
    {
        public static double CreateDelete(string baseUri, string token, int total, int concurrency, string prefix)
        {
            using (var client = new HttpClient())
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                var tenants = new Uri(new Uri(baseUri), "idm/api/v8/tenants");
                var next = -1;
                var stopwatch = Stopwatch.StartNew();
                var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < total)
                    {
                        var body = new StringContent("{\"name\":\"" + prefix + i.ToString("D5") + "\"}", Encoding.UTF8, "application/json");
                        string text;
                        using (var created = await client.PostAsync(tenants, body).ConfigureAwait(false))
                        {
                            text = await created.Content.ReadAsStringAsync().ConfigureAwait(false);
                            if (!created.IsSuccessStatusCode) throw new InvalidOperationException("POST " + (int)created.StatusCode + ": " + text);
                        }

                        var at = text.IndexOf("\"id\":\"", StringComparison.Ordinal) + 6;
                        var id = text.Substring(at, 36);
                        using (var deleted = await client.DeleteAsync(new Uri(tenants + "/" + id)).ConfigureAwait(false))
                        {
                            if (!deleted.IsSuccessStatusCode) throw new InvalidOperationException("DELETE " + (int)deleted.StatusCode);
                        }
                    }
                })).ToArray();
                Task.WaitAll(workers);
                return stopwatch.Elapsed.TotalMilliseconds;
            }
        }
    }
}
