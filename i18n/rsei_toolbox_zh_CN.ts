<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>RseiToolbox</name>
        <message>
            <source>Landsat</source>
            <translation>Landsat</translation>
        </message>
        <message>
            <source>RSEI</source>
            <translation>RSEI</translation>
        </message>
        <message>
            <source>Land cover</source>
            <translation>土地覆被</translation>
        </message>
        <message>
            <source>Trend</source>
            <translation>趋势分析</translation>
        </message>
        <message>
            <source>Drivers</source>
            <translation>驱动因素</translation>
        </message>
        <message>
            <source>The RSEI raster (e.g. OUTPUT of rsei:rsei); its grid is the output grid.</source>
            <translation>RSEI 栅格（例如 rsei:rsei 的 OUTPUT）；其格网即输出格网。</translation>
        </message>
        <message>
            <source>RSEI (0–1, higher = better)</source>
            <translation>RSEI（0–1，越高越好）</translation>
        </message>
        <message>
            <source>The normalised, inverted EG index (OUTPUT_EG of rsei:egindex, ideally with REFERENCE = the RSEI).</source>
            <translation>经归一化并反转的 EG 指数（rsei:egindex 的 OUTPUT_EG，最好以 REFERENCE = RSEI 生成）。</translation>
        </message>
        <message>
            <source>EG index (0–1, higher = better)</source>
            <translation>EG 指数（0–1，越高越好）</translation>
        </message>
        <message>
            <source>How to read EG when its grid differs from the RSEI grid. 'No' stops with an error naming the difference; 'Average' is right when the EG pixels are smaller than the RSEI pixels.</source>
            <translation>EG 的格网与 RSEI 格网不同时如何读取 EG。“否”会报错并指出差异；当 EG 像元小于 RSEI 像元时，“平均”是正确的选择。</translation>
        </message>
        <message>
            <source>Resample EG onto the RSEI grid</source>
            <translation>将 EG 重采样到 RSEI 格网</translation>
        </message>
        <message>
            <source>No: the grids must match</source>
            <translation>否：格网必须一致</translation>
        </message>
        <message>
            <source>Average (area-weighted)</source>
            <translation>平均（按面积加权）</translation>
        </message>
        <message>
            <source>Bilinear</source>
            <translation>双线性</translation>
        </message>
        <message>
            <source>Nearest neighbour</source>
            <translation>最邻近</translation>
        </message>
        <message>
            <source>How each index is cut into three classes: equal thirds of 0–1 (default; the paper says only "three groups", equal thirds are our reading), exact terciles of the data, or the manual breaks below.</source>
            <translation>每个指数如何划分为三类：0–1 等分为三段（默认；论文只说“三组”，等分三段是我们的理解）、数据的精确三分位数，或下方的手动断点。</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>分类</translation>
        </message>
        <message>
            <source>Equal thirds (&lt; 1/3, &lt; 2/3, else)</source>
            <translation>等分三段（&lt; 1/3、&lt; 2/3、其余）</translation>
        </message>
        <message>
            <source>Terciles of the data (exact)</source>
            <translation>数据三分位数（精确）</translation>
        </message>
        <message>
            <source>Manual breaks</source>
            <translation>手动断点</translation>
        </message>
        <message>
            <source>Two breaks b1 &lt; b2 for the RSEI classes when Classes = Manual breaks.</source>
            <translation>分类 = 手动断点时，RSEI 分类的两个断点 b1 &lt; b2。</translation>
        </message>
        <message>
            <source>RSEI breaks (manual)</source>
            <translation>RSEI 断点（手动）</translation>
        </message>
        <message>
            <source>Two breaks b1 &lt; b2 for the EG classes when Classes = Manual breaks.</source>
            <translation>分类 = 手动断点时，EG 分类的两个断点 b1 &lt; b2。</translation>
        </message>
        <message>
            <source>EG breaks (manual)</source>
            <translation>EG 断点（手动）</translation>
        </message>
        <message>
            <source>Codes 11 … 33 (uint8, 0 = NoData), styled with a legend that says what each code means.</source>
            <translation>代码 11 … 33（uint8，0 = NoData），附带说明每个代码含义的图例样式。</translation>
        </message>
        <message>
            <source>Coupling code (10 × EG + RSEI)</source>
            <translation>耦合代码（10 × EG + RSEI）</translation>
        </message>
        <message>
            <source>Table: code, label, EG class, RSEI class, pixels, area (km²), percent of the coupled area.</source>
            <translation>表：代码、标签、EG 类别、RSEI 类别、像元数、面积（km²）、占耦合面积的百分比。</translation>
        </message>
        <message>
            <source>Area per coupling code</source>
            <translation>各耦合代码的面积</translation>
        </message>
        <message>
            <source>Percent of the area in code 33 (HH)</source>
            <translation>代码 33（HH）的面积百分比</translation>
        </message>
        <message>
            <source>Percent of the area in code 11 (LL)</source>
            <translation>代码 11（LL）的面积百分比</translation>
        </message>
        <message>
            <source>Where the raster windows are computed. Empty: a pool of threads on this computer, one per core (the environment variable RSEI_THREADS sets their number; RSEI_THREADS=1 runs on one thread). 'tcp://host:8786': the workers of a running Dask scheduler (they read the inputs from their paths or URLs, so the paths must be valid on the workers; the outputs are written here). 'local:N': a Dask cluster of N worker processes on this computer, for this run. The environment variable RSEI_DASK_SCHEDULER gives a default. Needs Dask's distributed package (Debian: python3-distributed). The outputs are the same, bit for bit, whichever is used.</source>
            <translation>栅格窗口在何处计算。留空：本机的线程池，每个核心一个线程（环境变量 RSEI_THREADS 设置线程数；RSEI_THREADS=1 时单线程运行）。'tcp://host:8786'：使用正在运行的 Dask 调度器的工作进程（工作进程按路径或 URL 读取输入，因此这些路径在工作进程上必须有效；输出写在本机）。'local:N'：在本机为本次运行启动含 N 个工作进程的 Dask 集群。环境变量 RSEI_DASK_SCHEDULER 给出默认值。需要 Dask 的 distributed 包（Debian：python3-distributed）。无论使用哪种方式，输出逐位相同。</translation>
        </message>
        <message>
            <source>Dask scheduler (empty: threads of this computer)</source>
            <translation>Dask 调度器（留空：本机线程）</translation>
        </message>
        <message>
            <source>Couple RSEI and EG index (coupling matrix)</source>
            <translation>RSEI 与 EG 指数耦合（耦合矩阵）</translation>
        </message>
        <message>
            <source>Combines the RSEI and the EG index of the same area into nine coupling codes (11 … 33: 10 × EG class + RSEI class) that show where land structure and ecological condition agree or differ.</source>
            <translation>将同一区域的 RSEI 与 EG 指数组合为九个耦合代码（11 … 33：10 × EG 类别 + RSEI 类别），显示土地结构与生态状况一致或不一致的地方。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give RSEI (OUTPUT of rsei:rsei) and EG (OUTPUT_EG of rsei:egindex, made with REFERENCE = the RSEI so the grids match); keep Classes = equal thirds unless you have your own breaks. You get the code raster, styled with a legend, and optionally the area and percent of each code; HH_PERCENT and LL_PERCENT summarise it.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入 RSEI（rsei:rsei 的 OUTPUT）和 EG（rsei:egindex 的 OUTPUT_EG，以 REFERENCE = RSEI 生成，使格网一致）；除非有自己的断点，分类保持“等分三段”。输出为带图例样式的代码栅格，并可选输出各代码的面积和百分比；HH_PERCENT 与 LL_PERCENT 给出概要。</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Overlays the RSEI (rsei:rsei) and the EG index (rsei:egindex), both 0–1 with higher = better, as in section 5.1 and Figure 15 of Han et al. (2025): each index is reclassified into 1, 2, 3 and the weighted sum 10 × EG class + 1 × RSEI class gives nine codes 11 … 33. 33 (HH) marks land whose structure (land cover) and condition (RSEI) are both good, 11 (LL) both poor; 31 (HL) marks good land cover in poor condition (degraded), 13 (LH) poor land cover that is green.</source>
            <translation>按 Han 等（2025）第 5.1 节和图 15 的做法，叠加 RSEI（rsei:rsei）与 EG 指数（rsei:egindex），二者均为 0–1 且越高越好：每个指数重分类为 1、2、3，加权和 10 × EG 类别 + 1 × RSEI 类别得到九个代码 11 … 33。33（HH）表示土地结构（土地覆被）与状况（RSEI）均好，11（LL）均差；31（HL）表示土地覆被好而状况差（退化），13（LH）表示土地覆被差但植被茂盛。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Classes.&lt;/b&gt; With breaks b1 &amp;lt; b2: class 1 if v &amp;lt; b1, 2 if b1 ≤ v &amp;lt; b2, 3 if v ≥ b2 (a value equal to a break goes to the upper class). The paper says only that each index was "categorized into three distinct groups" (section 5.1) without giving the breaks; equal thirds (default), b1 = 1/3, b2 = 2/3, are our reading of it. A value within 1e-6 of a break counts as on the break (upper class): window means of uniform land (e.g. grade-3 land, EG′ = 4/6, with WINDOW 3) land within rounding error (~1e-16 in float64, ~6e-8 in float32 storage) of 2/3 and would otherwise fall on either side; 1e-6 is far below the spacing of distinct EG′ values (1/(6·n) for a window of n pixels, n ≤ 83 333). Terciles: the exact 1/3 and 2/3 quantiles (numpy's default linear definition) of each index over the pixels where both are valid, computed block by block in three streaming passes (min/max, a 4096-bin histogram, then the exact values in the bins that hold the ranks). Manual: RSEI_BREAKS and EG_BREAKS.</source>
            <translation>&lt;b&gt;分类。&lt;/b&gt;断点 b1 &amp;lt; b2：v &amp;lt; b1 为第 1 类，b1 ≤ v &amp;lt; b2 为第 2 类，v ≥ b2 为第 3 类（等于断点的值归入较高一类）。论文只说每个指数“被分为三个不同的组”（第 5.1 节），未给出断点；默认的等分三段 b1 = 1/3、b2 = 2/3 是我们的理解。与断点相差 1e-6 以内的值视为落在断点上（归入较高一类）：均质土地的窗口均值（例如 3 级土地，EG′ = 4/6，WINDOW 3）与 2/3 只差舍入误差（float64 约 1e-16，float32 存储约 6e-8），否则可能落在断点任一侧；1e-6 远小于不同 EG′ 值的间距（n 个像元的窗口为 1/(6·n)，n ≤ 83 333）。三分位数：在两者均有效的像元上，每个指数的精确 1/3 与 2/3 分位数（numpy 默认线性定义），分块以三次流式扫描计算（最小/最大值、4096 格直方图、再取包含所需秩的格内精确值）。手动：RSEI_BREAKS 与 EG_BREAKS。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Codes&lt;/b&gt; (OUTPUT, styled):</source>
            <translation>&lt;b&gt;代码&lt;/b&gt;（OUTPUT，已设样式）：</translation>
        </message>
        <message>
            <source>11 LL: poor land structure (EG), poor condition (RSEI)</source>
            <translation>11 LL：土地结构差（EG），状况差（RSEI）</translation>
        </message>
        <message>
            <source>12 LM: poor land structure (EG), moderate condition (RSEI)</source>
            <translation>12 LM：土地结构差（EG），状况中等（RSEI）</translation>
        </message>
        <message>
            <source>13 LH: poor land structure (EG), good condition (RSEI)</source>
            <translation>13 LH：土地结构差（EG），状况好（RSEI）</translation>
        </message>
        <message>
            <source>21 ML: moderate land structure (EG), poor condition (RSEI)</source>
            <translation>21 ML：土地结构中等（EG），状况差（RSEI）</translation>
        </message>
        <message>
            <source>22 MM: moderate land structure (EG), moderate condition (RSEI)</source>
            <translation>22 MM：土地结构中等（EG），状况中等（RSEI）</translation>
        </message>
        <message>
            <source>23 MH: moderate land structure (EG), good condition (RSEI)</source>
            <translation>23 MH：土地结构中等（EG），状况好（RSEI）</translation>
        </message>
        <message>
            <source>31 HL: good land structure (EG), poor condition (RSEI)</source>
            <translation>31 HL：土地结构好（EG），状况差（RSEI）</translation>
        </message>
        <message>
            <source>32 HM: good land structure (EG), moderate condition (RSEI)</source>
            <translation>32 HM：土地结构好（EG），状况中等（RSEI）</translation>
        </message>
        <message>
            <source>33 HH: good land structure (EG), good condition (RSEI)</source>
            <translation>33 HH：土地结构好（EG），状况好（RSEI）</translation>
        </message>
        <message>
            <source>OUTPUT_TABLE gives the area (km², exact per row in a geographic CRS) and percent of the coupled area of each code. The EG raster is read onto the RSEI grid when RESAMPLE_EG is set.</source>
            <translation>OUTPUT_TABLE 给出每个代码的面积（km²，地理坐标系下逐行精确计算）及占耦合面积的百分比。设置 RESAMPLE_EG 时，EG 栅格被读取到 RSEI 格网上。</translation>
        </message>
        <message>
            <source>NoData</source>
            <translation>无数据（NoData）</translation>
        </message>
        <message>
            <source>A pixel is NoData (0) in OUTPUT where RSEI or EG is NoData, and takes no area in the table. Values outside 0–1 are classed (below 0 → 1, above 1 → 3) and counted in a warning.</source>
            <translation>RSEI 或 EG 为 NoData 的像元在 OUTPUT 中为 NoData（0），不计入表中面积。0–1 以外的值照常分类（小于 0 → 1，大于 1 → 3），并在警告中计数。</translation>
        </message>
        <message>
            <source>References</source>
            <translation>参考文献</translation>
        </message>
        <message>
            <source>Land-cover raster with integer class codes (band 1).</source>
            <translation>带整数类别代码的土地覆被栅格（波段 1）。</translation>
        </message>
        <message>
            <source>Preset that maps the product's class codes onto Table 3's grades (see the help for every class and the reasoning). 'None' uses LOOKUP_TABLE alone.</source>
            <translation>将产品的类别代码映射到表 3 等级的预设（每个类别及其理由见帮助）。“无”只使用 LOOKUP_TABLE。</translation>
        </message>
        <message>
            <source>Lookup (class → grade)</source>
            <translation>查找表（类别 → 等级）</translation>
        </message>
        <message>
            <source>China Land Cover Dataset (CLCD, codes 1–9)</source>
            <translation>中国土地覆盖数据集（CLCD，代码 1–9）</translation>
        </message>
        <message>
            <source>ESA WorldCover (codes 10–100)</source>
            <translation>ESA WorldCover（代码 10–100）</translation>
        </message>
        <message>
            <source>NLCD (codes 11–95)</source>
            <translation>NLCD（代码 11–95）</translation>
        </message>
        <message>
            <source>None: LOOKUP_TABLE only</source>
            <translation>无：仅用 LOOKUP_TABLE</translation>
        </message>
        <message>
            <source>Rows of class code and grade that override or add to the preset, e.g. 6 → 7 to grade snow/ice as barren. An empty grade leaves the class ungraded (NoData). The grades may be any numbers; g_min and g_max of the resulting table normalise the index.</source>
            <translation>类别代码与等级的行，用于覆盖或补充预设，例如 6 → 7 将冰雪定为裸地等级。等级留空则该类别不分级（NoData）。等级可以是任意数值；指数按所得表的 g_min 与 g_max 归一化。</translation>
        </message>
        <message>
            <source>Lookup table overrides (class, grade)</source>
            <translation>查找表覆盖项（类别，等级）</translation>
        </message>
        <message>
            <source>class</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>grade</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>Stop with an error (and write nothing) when the land cover has codes the lookup does not know. Off: such pixels are NoData and listed in the log with their pixel counts.</source>
            <translation>土地覆被中出现查找表未知的代码时报错停止（不写任何输出）。关闭时：这些像元为 NoData，并在日志中列出其像元数。</translation>
        </message>
        <message>
            <source>Fail on unknown classes</source>
            <translation>遇到未知类别时报错</translation>
        </message>
        <message>
            <source>Size of the square moving window for OUTPUT_EG: 1 gives EG′ per pixel; n &gt; 1 the area-weighted mean EG′ of the n × n pixels around each pixel (eq. 14 over the window).</source>
            <translation>OUTPUT_EG 的方形移动窗口大小：1 得到逐像元 EG′；n &gt; 1 得到每个像元周围 n × n 个像元的面积加权平均 EG′（在窗口上计算式 14）。</translation>
        </message>
        <message>
            <source>Moving window (pixels, odd; 1 = per pixel)</source>
            <translation>移动窗口（像元，奇数；1 = 逐像元）</translation>
        </message>
        <message>
            <source>How the mean grade EG is normalised and inverted. 0 (default): (g_max − EG)/(g_max − g_min), (7 − EG)/6 for Table 3's grades; Tables 8–9 (0.540–0.560) then mean a mean grade of 3.64–3.76. 1: (g_max + 1 − EG)/(g_max − g_min + 1), (8 − EG)/7; Tables 8–9 then mean 4.08–4.22. The paper says only "normalized and inverted".</source>
            <translation>平均等级 EG 如何归一化并反转。0（默认）：(g_max − EG)/(g_max − g_min)，对表 3 的等级即 (7 − EG)/6；此时表 8–9 的值（0.540–0.560）对应平均等级 3.64–3.76。1：(g_max + 1 − EG)/(g_max − g_min + 1)，即 (8 − EG)/7；此时表 8–9 对应 4.08–4.22。论文只说“归一化并反转”。</translation>
        </message>
        <message>
            <source>EG normalisation</source>
            <translation>EG 归一化</translation>
        </message>
        <message>
            <source>(7 − EG)/6: (g_max − EG)/(g_max − g_min) (default)</source>
            <translation>(7 − EG)/6：(g_max − EG)/(g_max − g_min)（默认）</translation>
        </message>
        <message>
            <source>(8 − EG)/7: (g_max + 1 − EG)/(g_max − g_min + 1)</source>
            <translation>(8 − EG)/7：(g_max + 1 − EG)/(g_max − g_min + 1)</translation>
        </message>
        <message>
            <source>Put OUTPUT_GRADE and OUTPUT_EG on this raster's grid (CRS, extent, pixel size), so they overlay the RSEI pixel by pixel; EG_INDEX and the tables then count only land cover under valid pixels of this raster.</source>
            <translation>将 OUTPUT_GRADE 与 OUTPUT_EG 放到此栅格的格网上（坐标系、范围、像元大小），使其与 RSEI 逐像元叠合；此时 EG_INDEX 与各表只统计此栅格有效像元下的土地覆被。</translation>
        </message>
        <message>
            <source>Reference grid (e.g. the RSEI raster)</source>
            <translation>参考格网（例如 RSEI 栅格）</translation>
        </message>
        <message>
            <source>Polygons for which OUTPUT_TABLE gives the EG index and the area of every class.</source>
            <translation>OUTPUT_TABLE 为其给出 EG 指数及各类别面积的多边形。</translation>
        </message>
        <message>
            <source>Zones (e.g. mine areas)</source>
            <translation>分区（例如矿区）</translation>
        </message>
        <message>
            <source>Field whose value names each zone in the tables (default: the feature id).</source>
            <translation>在表中为每个分区命名的字段（默认：要素 ID）。</translation>
        </message>
        <message>
            <source>Zone name field</source>
            <translation>分区名称字段</translation>
        </message>
        <message>
            <source>Land-cover rasters of several years, same product and lookup; each gives one row of OUTPUT_SERIES (the EG index series of Tables 8–9).</source>
            <translation>多个年份的土地覆被栅格，产品与查找表相同；每个栅格对应 OUTPUT_SERIES 的一行（表 8–9 的 EG 指数序列）。</translation>
        </message>
        <message>
            <source>Land cover of several years (series)</source>
            <translation>多年土地覆被（序列）</translation>
        </message>
        <message>
            <source>One year per SERIES raster, in the same order, separated by commas. Empty: the four-digit year (1800–2199) in each file name, else 1, 2, 3 …</source>
            <translation>每个 SERIES 栅格一个年份，顺序相同，以逗号分隔。留空：取每个文件名中的四位年份（1800–2199），否则为 1、2、3 …</translation>
        </message>
        <message>
            <source>Years of the series</source>
            <translation>序列的年份</translation>
        </message>
        <message>
            <source>Grade per pixel (Table 3), float32, NoData where the class has no grade.</source>
            <translation>逐像元等级（表 3），float32，类别无等级处为 NoData。</translation>
        </message>
        <message>
            <source>Ecological grade</source>
            <translation>生态等级</translation>
        </message>
        <message>
            <source>EG′ = (g_max − g) / (g_max − g_min) (or by EG_SCALE) per pixel or as the WINDOW mean; 0–1, higher = better; the EG input of rsei:coupling.</source>
            <translation>逐像元或 WINDOW 窗口均值的 EG′ = (g_max − g) / (g_max − g_min)（或按 EG_SCALE）；0–1，越高越好；rsei:coupling 的 EG 输入。</translation>
        </message>
        <message>
            <source>EG index (higher = better)</source>
            <translation>EG 指数（越高越好）</translation>
        </message>
        <message>
            <source>Table: zone, graded area (km²), mean grade (eq. 14), EG index, unknown area, and the area (km²) of every lookup class. Without ZONES one row for the whole raster.</source>
            <translation>表：分区、已分级面积（km²）、平均等级（式 14）、EG 指数、未知面积，以及查找表每个类别的面积（km²）。未给 ZONES 时为整个栅格一行。</translation>
        </message>
        <message>
            <source>EG index and class areas per zone</source>
            <translation>各分区的 EG 指数与类别面积</translation>
        </message>
        <message>
            <source>Table: one row per SERIES raster (and per zone when ZONES are given): year, EG index, mean grade and class areas.</source>
            <translation>表：每个 SERIES 栅格一行（给出 ZONES 时每个分区一行）：年份、EG 指数、平均等级与类别面积。</translation>
        </message>
        <message>
            <source>EG index series</source>
            <translation>EG 指数序列</translation>
        </message>
        <message>
            <source>HTML page with the index, the class shares (chart), the zones and the EG series curve (Figure 12 of the paper).</source>
            <translation>HTML 页面：指数、类别占比（图表）、分区以及 EG 序列曲线（论文图 12）。</translation>
        </message>
        <message>
            <source>Report (HTML)</source>
            <translation>报告（HTML）</translation>
        </message>
        <message>
            <source>EG index (normalised, higher = better)</source>
            <translation>EG 指数（归一化，越高越好）</translation>
        </message>
        <message>
            <source>Area-weighted mean grade (eq. 14)</source>
            <translation>面积加权平均等级（式 14）</translation>
        </message>
        <message>
            <source>Ecological grade (EG) index from land cover</source>
            <translation>土地覆被的生态等级指数（EG）</translation>
        </message>
        <message>
            <source>Turns a land-cover raster into ecological grades (1 best … 7 worst) and the EG index (0–1, higher = better), per pixel, per zone and per year.</source>
            <translation>将土地覆被栅格转换为生态等级（1 最好 … 7 最差）和 EG 指数（0–1，越高越好），可逐像元、逐分区、逐年计算。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give the land-cover raster and choose the LOOKUP preset of its product (CLCD, ESA WorldCover or NLCD; LOOKUP_TABLE adds or overrides classes). Set REFERENCE to the RSEI raster to get OUTPUT_EG on its grid for rsei:coupling; ZONES gives one row per zone, SERIES a table by year. Typical: WINDOW 1 (per pixel), EG_SCALE default.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入土地覆被栅格并选择其产品的 LOOKUP 预设（CLCD、ESA WorldCover 或 NLCD；LOOKUP_TABLE 可补充或覆盖类别）。将 REFERENCE 设为 RSEI 栅格，可得到位于其格网上的 OUTPUT_EG，供 rsei:coupling 使用；ZONES 给出每个分区一行，SERIES 给出逐年表。常用：WINDOW 1（逐像元），EG_SCALE 取默认值。</translation>
        </message>
        <message>
            <source>Rates every land-cover pixel by its ecological grade (Table 3 of Han et al. 2025, after Li et al. 2017: 1 = best … 7 = worst) and computes the EG index of eq. 14, the area-weighted mean grade EG = Σ g&lt;sub&gt;j&lt;/sub&gt;·A&lt;sub&gt;j&lt;/sub&gt; / Σ A&lt;sub&gt;j&lt;/sub&gt; over the land-cover classes j. As in the paper (section 4.3, Tables 8–9) the index is reported normalised and inverted so that higher is better: EG′ = (g&lt;sub&gt;max&lt;/sub&gt; − EG) / (g&lt;sub&gt;max&lt;/sub&gt; − g&lt;sub&gt;min&lt;/sub&gt;), with g&lt;sub&gt;min&lt;/sub&gt;, g&lt;sub&gt;max&lt;/sub&gt; the lowest and highest grade of the lookup (1 and 7 for Table 3).</source>
            <translation>按生态等级为每个土地覆被像元评级（Han 等 2025 表 3，依据 Li 等 2017：1 = 最好 … 7 = 最差），并计算式 14 的 EG 指数，即各土地覆被类别 j 的面积加权平均等级 EG = Σ g&lt;sub&gt;j&lt;/sub&gt;·A&lt;sub&gt;j&lt;/sub&gt; / Σ A&lt;sub&gt;j&lt;/sub&gt;。与论文相同（第 4.3 节，表 8–9），指数以归一化并反转的形式给出，使其越高越好：EG′ = (g&lt;sub&gt;max&lt;/sub&gt; − EG) / (g&lt;sub&gt;max&lt;/sub&gt; − g&lt;sub&gt;min&lt;/sub&gt;)，g&lt;sub&gt;min&lt;/sub&gt;、g&lt;sub&gt;max&lt;/sub&gt; 为查找表中的最低与最高等级（表 3 为 1 和 7）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Which normalisation?&lt;/b&gt; The paper says only that the index is "normalized and its values are inverted" (section 4.3). EG_SCALE 0 (default) reads it as (7 − EG)/6 (min–max over the grades 1–7, 0–1); EG_SCALE 1 as (8 − EG)/7 (grade 7 → 1/7, grade 1 → 1). The values of Tables 8–9 (0.540–0.560) mean an area-weighted mean grade of 3.64–3.76 under the first reading (EG = 7 − 6·EG′) and of 4.08–4.22 under the second (EG = 8 − 7·EG′); the tables alone cannot tell which the authors used. The coupling (rsei:coupling) classes differ between the two: grade-3 land is EG′ = 2/3 under the default and 5/7 under the second.</source>
            <translation>&lt;b&gt;采用哪种归一化？&lt;/b&gt;论文只说该指数“经过归一化且数值被反转”（第 4.3 节）。EG_SCALE 0（默认）理解为 (7 − EG)/6（在等级 1–7 上的极差归一化，0–1）；EG_SCALE 1 理解为 (8 − EG)/7（等级 7 → 1/7，等级 1 → 1）。表 8–9 的值（0.540–0.560）在第一种理解下对应面积加权平均等级 3.64–3.76（EG = 7 − 6·EG′），在第二种下对应 4.08–4.22（EG = 8 − 7·EG′）；仅凭这些表无法判断作者用的是哪一种。两者的耦合（rsei:coupling）类别不同：3 级土地在默认方式下 EG′ = 2/3，在第二种下为 5/7。</translation>
        </message>
        <message>
            <source>Grade</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>Ecological land</source>
            <translation>生态用地</translation>
        </message>
        <message>
            <source>Water body</source>
            <translation>水体</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>Wetland</source>
            <translation>湿地</translation>
        </message>
        <message>
            <source>Forest</source>
            <translation>林地</translation>
        </message>
        <message>
            <source>Shrubland</source>
            <translation>灌木林地</translation>
        </message>
        <message>
            <source>Grassland</source>
            <translation>草地</translation>
        </message>
        <message>
            <source>Cultivated land</source>
            <translation>耕地</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Construction land</source>
            <translation>建设用地</translation>
        </message>
        <message>
            <source>Barren land</source>
            <translation>未利用地（裸地）</translation>
        </message>
        <message>
            <source>&lt;b&gt;Lookup presets&lt;/b&gt; (LOOKUP); LOOKUP_TABLE rows override or add classes:</source>
            <translation>&lt;b&gt;查找表预设&lt;/b&gt;（LOOKUP）；LOOKUP_TABLE 的行可覆盖或补充类别：</translation>
        </message>
        <message>
            <source>&lt;b&gt;China Land Cover Dataset (CLCD, codes 1–9)&lt;/b&gt;: 1 cropland → 5, 2 forest → 2, 3 shrub → 3, 4 grassland → 4, 5 water → 1, 6 snow/ice → 1, 7 barren → 7, 8 impervious → 6, 9 wetland → 1. Codes 1–5 and 7–9 follow the paper (Table 3). Snow/ice (6) has no grade in the paper; it is graded 1 like water bodies because the Chinese land-use classification from which Table 3's categories come (CAS LUCC, Liu et al. 2014) files permanent glaciers and snow under water areas. Override with LOOKUP_TABLE (e.g. '6' with an empty grade to leave it ungraded). Code 0 (fill) is NoData.</source>
            <translation>&lt;b&gt;中国土地覆盖数据集（CLCD，代码 1–9）&lt;/b&gt;：1 耕地 → 5，2 林地 → 2，3 灌木 → 3，4 草地 → 4，5 水体 → 1，6 冰雪 → 1，7 裸地 → 7，8 不透水面 → 6，9 湿地 → 1。代码 1–5 与 7–9 按论文（表 3）。论文未给冰雪（6）定级；因表 3 的类别所依据的中国土地利用分类（CAS LUCC，Liu 等 2014）将永久冰川积雪归入水域，故与水体同定为 1 级。可用 LOOKUP_TABLE 覆盖（例如 '6' 配空等级，使其不分级）。代码 0（填充值）为 NoData。</translation>
        </message>
        <message>
            <source>&lt;b&gt;ESA WorldCover 10 m (2020 v100, 2021 v200; codes 10–100)&lt;/b&gt;: 10 tree cover → 2, 20 shrubland → 3, 30 grassland → 4, 40 cropland → 5, 50 built-up → 6, 60 bare / sparse vegetation → 7, 70 snow and ice → 1, 80 permanent water bodies → 1, 90 herbaceous wetland → 1, 95 mangroves → 1, 100 moss and lichen → 4. One-to-one where WorldCover has the category. Snow and ice (70) → water body as for CLCD. Mangroves (95) → wetland: they are tidal wetlands (Ramsar type I), and CLCD/CAS count tidal land as wetland or water. Moss and lichen (100) → grassland: low, non-woody perennial cover is closest to Table 3's grassland, not to bare land. Code 0 (no data) is NoData.</source>
            <translation>&lt;b&gt;ESA WorldCover 10 m（2020 v100、2021 v200；代码 10–100）&lt;/b&gt;：10 林木 → 2，20 灌丛 → 3，30 草地 → 4，40 耕地 → 5，50 建成区 → 6，60 裸地/稀疏植被 → 7，70 冰雪 → 1，80 永久水体 → 1，90 草本湿地 → 1，95 红树林 → 1，100 苔藓地衣 → 4。WorldCover 有相应类别处一一对应。冰雪（70）与 CLCD 相同归为水体。红树林（95）→ 湿地：它们是潮汐湿地（Ramsar I 型），CLCD/CAS 也将滩涂计为湿地或水域。苔藓地衣（100）→ 草地：低矮、非木本的多年生覆盖最接近表 3 的草地，而非裸地。代码 0（无数据）为 NoData。</translation>
        </message>
        <message>
            <source>&lt;b&gt;US National Land Cover Database (NLCD 2001–2021, codes 11–95)&lt;/b&gt;: 11 open water → 1, 12 perennial ice/snow → 1, 21 developed, open space → 6, 22 developed, low intensity → 6, 23 developed, medium intensity → 6, 24 developed, high intensity → 6, 31 barren land → 7, 41 deciduous forest → 2, 42 evergreen forest → 2, 43 mixed forest → 2, 51 dwarf scrub → 3, 52 shrub/scrub → 3, 71 grassland/herbaceous → 4, 72 sedge/herbaceous → 4, 73 lichens → 4, 74 moss → 4, 81 pasture/hay → 5, 82 cultivated crops → 5, 90 woody wetlands → 1, 95 emergent herbaceous wetlands → 1. NLCD's Anderson level-I groups map onto Table 3: water (11) and ice/snow (12, as for CLCD) → 1; all developed classes (21–24, level I 'developed') → construction land 6 (open space is mostly lawns and roads; override 21 to 4 if parks dominate); barren (31) → 7; forests (41–43) → 2; scrub (51, 52) → 3; herbaceous (71–74) → grassland 4; planted/cultivated (81 pasture/hay, 82 crops; level I 'planted/cultivated') → cultivated land 5; wetlands (90, 95) → 1. Code 0 (unclassified) is NoData.</source>
            <translation>&lt;b&gt;美国国家土地覆盖数据库（NLCD 2001–2021，代码 11–95）&lt;/b&gt;：11 开阔水域 → 1，12 多年冰雪 → 1，21 开发用地-开放空间 → 6，22 开发用地-低强度 → 6，23 开发用地-中强度 → 6，24 开发用地-高强度 → 6，31 裸地 → 7，41 落叶林 → 2，42 常绿林 → 2，43 混交林 → 2，51 矮灌丛 → 3，52 灌丛 → 3，71 草地/草本 → 4，72 莎草/草本 → 4，73 地衣 → 4，74 苔藓 → 4，81 牧草/干草地 → 5，82 农作物 → 5，90 木本湿地 → 1，95 挺水草本湿地 → 1。NLCD 的 Anderson I 级类别对应表 3：水域（11）与冰雪（12，同 CLCD）→ 1；所有开发用地（21–24，I 级“开发用地”）→ 建设用地 6（开放空间多为草坪和道路；若以公园为主可将 21 覆盖为 4）；裸地（31）→ 7；林地（41–43）→ 2；灌丛（51、52）→ 3；草本（71–74）→ 草地 4；种植/耕作（81 牧草/干草地、82 农作物；I 级“种植/耕作”）→ 耕地 5；湿地（90、95）→ 1。代码 0（未分类）为 NoData。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Outputs.&lt;/b&gt; OUTPUT_GRADE: grade per pixel. OUTPUT_EG: EG′ per pixel, or with WINDOW &amp;gt; 1 the area-weighted mean EG′ over a WINDOW × WINDOW moving window (NoData pixels excluded; the window is cut at the raster edge). EG_INDEX: EG′ of the whole raster (the Tables 8–9 value), with pixel areas exact in a geographic CRS (CLCD is in WGS 84). OUTPUT_TABLE: per zone (or for the whole raster when no ZONES are given) the EG index and the area of every class; a pixel belongs to a zone when its centre is inside the polygon; overlapping zones each count the pixel. SERIES + YEARS: one row per year in OUTPUT_SERIES (the EG series of Tables 8–9), per zone too when ZONES are given.</source>
            <translation>&lt;b&gt;输出。&lt;/b&gt;OUTPUT_GRADE：逐像元等级。OUTPUT_EG：逐像元 EG′，或在 WINDOW &amp;gt; 1 时为 WINDOW × WINDOW 移动窗口内的面积加权平均 EG′（不含 NoData 像元；窗口在栅格边缘截断）。EG_INDEX：整个栅格的 EG′（表 8–9 的值），地理坐标系下像元面积精确计算（CLCD 为 WGS 84）。OUTPUT_TABLE：每个分区（未给 ZONES 时为整个栅格）的 EG 指数与各类别面积；像元中心位于多边形内即属于该分区；重叠的分区各自计入该像元。SERIES + YEARS：OUTPUT_SERIES 中每年一行（表 8–9 的 EG 序列），给出 ZONES 时也按分区。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Another grid.&lt;/b&gt; With REFERENCE (e.g. the RSEI raster) the raster outputs are put on that grid: grades by nearest neighbour; EG′ is computed on the land cover's own grid and average-resampled (area-weighted over the source pixels each output pixel covers), then the window mean is taken on the output grid with WINDOW in output pixels. EG_INDEX and the tables always use the land cover on its own grid, so class areas are never distorted by resampling, but count only the land-cover pixels whose centre lies on a valid REFERENCE pixel: the index then describes the same area as the RSEI (the paper's 'spatiotemporal consistency', section 4.3), also when the land-cover tile is larger.</source>
            <translation>&lt;b&gt;其他格网。&lt;/b&gt;给出 REFERENCE（例如 RSEI 栅格）时，栅格输出放到该格网上：等级用最邻近法；EG′ 在土地覆被自身格网上计算后按平均法重采样（对每个输出像元覆盖的源像元按面积加权），再在输出格网上以输出像元为单位计算 WINDOW 窗口均值。EG_INDEX 与各表始终使用土地覆被自身格网，类别面积不会因重采样而失真，但只统计中心落在 REFERENCE 有效像元上的土地覆被像元：这样指数描述的与 RSEI 是同一区域（论文的“时空一致性”，第 4.3 节），土地覆被图幅更大时也是如此。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Unknown classes&lt;/b&gt; (codes the lookup does not have) are left ungraded and listed with their pixel counts in the log; FAIL_ON_UNKNOWN stops the run instead.</source>
            <translation>&lt;b&gt;未知类别&lt;/b&gt;（查找表中没有的代码）不分级，并在日志中列出其像元数；FAIL_ON_UNKNOWN 则改为停止运行。</translation>
        </message>
        <message>
            <source>Land-cover NoData, a product's fill code (0 in the presets), classes without a grade and unknown classes are NoData in OUTPUT_GRADE and OUTPUT_EG and take no area in EG_INDEX and the tables (unknown classes are reported in the 'unknown_km2' column). Window means use only valid pixels; a pixel that is NoData stays NoData.</source>
            <translation>土地覆被的 NoData、产品的填充代码（预设中为 0）、无等级的类别以及未知类别，在 OUTPUT_GRADE 与 OUTPUT_EG 中为 NoData，不计入 EG_INDEX 与各表的面积（未知类别在 'unknown_km2' 列中报告）。窗口均值只用有效像元；NoData 像元保持 NoData。</translation>
        </message>
        <message>
            <source>Any vector layer, or a table without geometry (e.g. a CSV or a GeoPackage table); one row per sample (e.g. per mine and year).</source>
            <translation>任意矢量图层，或无几何的表（例如 CSV 或 GeoPackage 表）；每个样本一行（例如每个矿区每年一行）。</translation>
        </message>
        <message>
            <source>Input layer or table</source>
            <translation>输入图层或表</translation>
        </message>
        <message>
            <source>Numeric field explained by the factors (e.g. rsei).</source>
            <translation>由各因子解释的数值字段（例如 rsei）。</translation>
        </message>
        <message>
            <source>Y field (explained variable)</source>
            <translation>Y 字段（被解释变量）</translation>
        </message>
        <message>
            <source>Fields of the explanatory factors (numeric or text). Text fields are always categorical.</source>
            <translation>解释因子的字段（数值或文本）。文本字段始终作为类别型。</translation>
        </message>
        <message>
            <source>Factor fields</source>
            <translation>因子字段</translation>
        </message>
        <message>
            <source>0: each distinct value is a stratum (categorical factors). 1–5: discretise continuous factors into CLASSES classes by equal interval, quantile, natural breaks (exact Fisher–Jenks), geometric interval or standard deviation. 6: optimal parameters (Song et al. 2020) — for each factor try methods 1–5 with CLASSES_MIN…CLASSES_MAX classes and keep the one with the largest q. 7: GOZH (Luo et al. 2022) — zones are the leaves of a regression tree of Y on the factor (rpart's defaults, as gdverse). 8: RGD (Zhang, Song &amp; Wu 2022) — least-squares change points of Y along the factor, CLASSES_MIN…CLASSES_MAX strata, the number by gdverse's increase-rate rule. A constant factor is refused by name.</source>
            <translation>0：每个不同的值为一层（类别型因子）。1–5：将连续因子按等间距、分位数、自然断点（精确 Fisher–Jenks）、几何间隔或标准差离散化为 CLASSES 类。6：最优参数（Song 等 2020）——对每个因子以 CLASSES_MIN…CLASSES_MAX 类尝试方法 1–5，保留 q 最大者。7：GOZH（Luo 等 2022）——分区为 Y 对该因子的回归树的叶节点（rpart 默认参数，同 gdverse）。8：RGD（Zhang、Song 和 Wu 2022）——Y 沿该因子的最小二乘变点，CLASSES_MIN…CLASSES_MAX 层，层数按 gdverse 的增长率规则确定。常数因子会被拒绝并指出其名称。</translation>
        </message>
        <message>
            <source>Stratification of the factors</source>
            <translation>因子的分层（离散化）方法</translation>
        </message>
        <message>
            <source>Use the values as strata (categorical)</source>
            <translation>以原值为层（类别型）</translation>
        </message>
        <message>
            <source>Equal interval</source>
            <translation>等间距</translation>
        </message>
        <message>
            <source>Quantile</source>
            <translation>分位数</translation>
        </message>
        <message>
            <source>Natural breaks (Fisher–Jenks)</source>
            <translation>自然断点（Fisher–Jenks）</translation>
        </message>
        <message>
            <source>Geometric interval</source>
            <translation>几何间隔</translation>
        </message>
        <message>
            <source>Standard deviation</source>
            <translation>标准差</translation>
        </message>
        <message>
            <source>Optimal (best q over methods 1–5 and CLASSES_MIN…CLASSES_MAX)</source>
            <translation>最优（在方法 1–5 与 CLASSES_MIN…CLASSES_MAX 中取 q 最大）</translation>
        </message>
        <message>
            <source>GOZH: regression-tree zones (Luo et al. 2022)</source>
            <translation>GOZH：回归树分区（Luo 等 2022）</translation>
        </message>
        <message>
            <source>RGD: robust change points, CLASSES_MIN…CLASSES_MAX strata (Zhang, Song &amp; Wu 2022)</source>
            <translation>RGD：稳健变点，CLASSES_MIN…CLASSES_MAX 层（Zhang、Song 和 Wu 2022）</translation>
        </message>
        <message>
            <source>Classes for methods 1–5 (tied values can merge classes).</source>
            <translation>方法 1–5 的类别数（相同的值可能合并类别）。</translation>
        </message>
        <message>
            <source>Number of classes</source>
            <translation>类别数</translation>
        </message>
        <message>
            <source>Smallest number of classes tried by the optimal method (6) and RGD (8).</source>
            <translation>最优方法（6）和 RGD（8）尝试的最少类别数。</translation>
        </message>
        <message>
            <source>Optimal method: fewest classes</source>
            <translation>最优方法：最少类别数</translation>
        </message>
        <message>
            <source>Largest number of classes tried by the optimal method (6) and RGD (8; gdverse tries up to 8).</source>
            <translation>最优方法（6）和 RGD（8；gdverse 最多尝试 8 类）尝试的最多类别数。</translation>
        </message>
        <message>
            <source>Optimal method: most classes</source>
            <translation>最优方法：最多类别数</translation>
        </message>
        <message>
            <source>0: none. 1: bootstrap — BOOTSTRAP resamples of the samples (seeded by SEED), strata fixed as computed on all data; adds q_low and q_high (95 % percentile interval) to the factor table and error bars to the report.</source>
            <translation>0：无。1：自助法（bootstrap）——对样本做 BOOTSTRAP 次重抽样（以 SEED 为种子），层固定为在全部数据上计算的结果；在因子探测表中加入 q_low 和 q_high（95 % 百分位区间），并在报告中加入误差线。</translation>
        </message>
        <message>
            <source>Confidence interval of q</source>
            <translation>q 的置信区间</translation>
        </message>
        <message>
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Bootstrap (percentile interval, 95 %)</source>
            <translation>自助法（百分位区间，95 %）</translation>
        </message>
        <message>
            <source>Number of bootstrap resamples for CONFIDENCE 1 (999 gives stable 2.5 % and 97.5 % percentiles; cost grows linearly: 999 resamples of 10⁵ samples take a few seconds).</source>
            <translation>CONFIDENCE 为 1 时的自助重抽样次数（999 次可得到稳定的 2.5 % 和 97.5 % 百分位数；耗时线性增长：对 10⁵ 个样本做 999 次重抽样需数秒）。</translation>
        </message>
        <message>
            <source>Bootstrap resamples</source>
            <translation>自助重抽样次数</translation>
        </message>
        <message>
            <source>Table: factor, q, p_value, strata (number), method (as used), breaks (class edges; empty for categorical factors); with a year field, rows per year and rows with year 'mean'.</source>
            <translation>表：因子、q、p_value、层数、方法（实际采用）、断点（类别边界；类别型因子为空）；给出年份字段时按年分行，并有年份为 'mean' 的行。</translation>
        </message>
        <message>
            <source>Factor detector</source>
            <translation>因子探测</translation>
        </message>
        <message>
            <source>Optional table: factor_a, factor_b, q (of the intersection), q_a, q_b, interaction (type). Created by default in the dialog; skipped when not given on the command line.</source>
            <translation>可选的表：factor_a、factor_b、q（交叉分层的 q）、q_a、q_b、交互类型。在对话框中默认创建；命令行中未给出时跳过。</translation>
        </message>
        <message>
            <source>Interaction detector</source>
            <translation>交互探测</translation>
        </message>
        <message>
            <source>Optional table per pair of strata of each factor: means, counts, Welch t, df, p_value, significant (0.05), note (why a pair was not tested). Created by default in the dialog; skipped when not given on the command line.</source>
            <translation>可选的表，每个因子各层两两之间一行：均值、计数、Welch t、自由度、p_value、是否显著（0.05）、说明（某对未检验的原因）。在对话框中默认创建；命令行中未给出时跳过。</translation>
        </message>
        <message>
            <source>Risk detector</source>
            <translation>风险探测</translation>
        </message>
        <message>
            <source>Optional table per pair of factors: F, df_a, df_b, p_value (two-sided), significant (0.05). Created by default in the dialog; skipped when not given on the command line.</source>
            <translation>可选的表，每对因子一行：F、df_a、df_b、p_value（双侧）、是否显著（0.05）。在对话框中默认创建；命令行中未给出时跳过。</translation>
        </message>
        <message>
            <source>Ecological detector</source>
            <translation>生态探测</translation>
        </message>
        <message>
            <source>Optional table: factor, shapley_q (its Shapley value of the q of all factors' combined strata; they add up to LESH_TOTAL_Q), share (of that q) (+ year; rows with year 'mean'). Exact over all subsets of factors: at most 10 factors (2^m − 1 q evaluations).</source>
            <translation>可选的表：因子、shapley_q（其在所有因子组合分层之 q 中的 Shapley 值；它们之和为 LESH_TOTAL_Q）、share（占该 q 的比例）（+ 年份；以及年份为 'mean' 的行）。对所有因子子集精确计算：至多 10 个因子（2^m − 1 次 q 计算）。</translation>
        </message>
        <message>
            <source>LESH (Shapley decomposition of q)</source>
            <translation>LESH（q 的 Shapley 分解）</translation>
        </message>
        <message>
            <source>LESH: q of all factors' combined strata (mean over the years with a year field)</source>
            <translation>LESH：所有因子组合分层的 q（给出年份字段时为各年均值）</translation>
        </message>
        <message>
            <source>Optional HTML report: ranked q bars, q per year, interaction heatmaps (as Figure 14), ecological tests and the mean of Y per stratum.</source>
            <translation>可选的 HTML 报告：q 排序条形图、逐年 q、交互热图（如图 14）、生态探测检验以及各层 Y 的均值。</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>报告</translation>
        </message>
        <message>
            <source>Factor fields always used as strata (each value a stratum), whatever METHOD says, e.g. land cover codes.</source>
            <translation>无论 METHOD 如何设置都作为层（每个值一层）的因子字段，例如土地覆被代码。</translation>
        </message>
        <message>
            <source>Categorical factor fields</source>
            <translation>类别型因子字段</translation>
        </message>
        <message>
            <source>Optional: run every detector for each value of this field separately and add the mean q over the years (as the paper's Tables 14–15).</source>
            <translation>可选：按该字段的每个值分别运行所有探测器，并加上各年 q 的均值（如论文表 14–15）。</translation>
        </message>
        <message>
            <source>Year field (run per year)</source>
            <translation>年份字段（逐年运行）</translation>
        </message>
        <message>
            <source>Seed of the bootstrap resamples (CONFIDENCE 1): the same seed gives the same interval.</source>
            <translation>自助重抽样的种子（CONFIDENCE 1）：相同的种子得到相同的区间。</translation>
        </message>
        <message>
            <source>Random seed (bootstrap)</source>
            <translation>随机种子（自助法）</translation>
        </message>
        <message>
            <source>Geodetector (table)</source>
            <translation>地理探测器（表格）</translation>
        </message>
        <message>
            <source>Measures how much each factor explains the spatial pattern of a numeric variable (q statistic, 0–1) with the four Geodetector detectors: factor, interaction, risk and ecological.</source>
            <translation>用地理探测器的四种探测——因子探测、交互探测、风险探测和生态探测——度量各因子对数值变量空间分异的解释力（q 统计量，0–1）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give a layer or table with one row per unit (e.g. per mine and year from rsei:zonalseries), the Y field (e.g. rsei_mean) and the factor fields. Continuous factors are cut into classes (METHOD, typically 5 classes, or optimal discretisation with 3–7 classes); text fields and CATEGORICAL_FIELDS are used as they are. You get four tables and an optional HTML report; YEAR_FIELD runs it per year.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入每个单元一行的图层或表（例如 rsei:zonalseries 给出的每个矿区每年一行）、Y 字段（例如 rsei_mean）和因子字段。连续因子被划分为若干类（METHOD，通常 5 类，或以 3–7 类做最优离散化）；文本字段和 CATEGORICAL_FIELDS 按原值使用。输出四张表和可选的 HTML 报告；YEAR_FIELD 可逐年运行。</translation>
        </message>
        <message>
            <source>Explains a numeric variable Y (e.g. RSEI per mine or per sample point) by factors (fields) with the four Geodetector detectors — factor (q and its p-value), interaction, risk and ecological — as in section 3.4 of the paper, optionally per year (Tables 14–15, Figure 14). Input: any vector layer or table without geometry.</source>
            <translation>按论文第 3.4 节的做法，用地理探测器的四种探测——因子探测（q 及其 p 值）、交互探测、风险探测和生态探测——以各因子（字段）解释数值变量 Y（例如每个矿区或每个样点的 RSEI），可选逐年计算（表 14–15，图 14）。输入：任意矢量图层或无几何的表。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Factor detector&lt;/b&gt; (paper eq. 20): q = 1 − Σ&lt;sub&gt;h&lt;/sub&gt; n&lt;sub&gt;h&lt;/sub&gt;σ&lt;sub&gt;h&lt;/sub&gt;² / (Nσ²), with the population variances of Y in stratum h and overall (q = 1 − SSW/SST). Its p-value follows Wang &amp;amp; Xu (2017) and the R package &lt;i&gt;geodetector&lt;/i&gt;: F = (N − L)/(L − 1) · q/(1 − q) compared with the non-central F(L − 1, N − L, λ), λ = [Σ Ȳ&lt;sub&gt;h&lt;/sub&gt;² − (Σ √n&lt;sub&gt;h&lt;/sub&gt; Ȳ&lt;sub&gt;h&lt;/sub&gt;)²/N] / s², s² the &lt;i&gt;sample&lt;/i&gt; variance of Y; p = P(F′ &amp;gt; F). Note that this λ is the published one and is not invariant to adding a constant to Y.</source>
            <translation>&lt;b&gt;因子探测&lt;/b&gt;（论文式 20）：q = 1 − Σ&lt;sub&gt;h&lt;/sub&gt; n&lt;sub&gt;h&lt;/sub&gt;σ&lt;sub&gt;h&lt;/sub&gt;² / (Nσ²)，其中为 Y 在第 h 层内和全体的总体方差（q = 1 − SSW/SST）。其 p 值按 Wang &amp;amp; Xu（2017）和 R 包 &lt;i&gt;geodetector&lt;/i&gt;：F = (N − L)/(L − 1) · q/(1 − q)，与非中心 F(L − 1, N − L, λ) 比较，λ = [Σ Ȳ&lt;sub&gt;h&lt;/sub&gt;² − (Σ √n&lt;sub&gt;h&lt;/sub&gt; Ȳ&lt;sub&gt;h&lt;/sub&gt;)²/N] / s²，s² 为 Y 的&lt;i&gt;样本&lt;/i&gt;方差；p = P(F′ &amp;gt; F)。注意此 λ 为已发表的形式，对 Y 加常数并不保持不变。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Interaction detector&lt;/b&gt;: q(X1∩X2) uses the strata formed by every combination of the two factors' strata. Type (Wang &amp;amp; Xu 2017; the paper's Table 4): q12 &amp;lt; min(q1, q2) "Weaken, nonlinear"; min ≤ q12 &amp;lt; max "Weaken, uni-"; q12 = max (one factor's strata nested in the other's, so the pair adds nothing) "Nested (q12 = max)"; max &amp;lt; q12 &amp;lt; q1 + q2 "Enhance, bi-"; q12 = q1 + q2 "Independent"; q12 &amp;gt; q1 + q2 "Enhance, nonlinear". Equalities hold within a relative tolerance of 1e-10; each pair is labelled from its own three q values only. Because strata of X1∩X2 refine those of each factor, q12 ≥ max(q1, q2) always holds, so the two weaken types cannot occur with q computed on the same samples.</source>
            <translation>&lt;b&gt;交互探测&lt;/b&gt;：q(X1∩X2) 使用两个因子各层所有组合形成的层。类型（Wang &amp;amp; Xu 2017；论文表 4）：q12 &amp;lt; min(q1, q2) 为“非线性减弱”；min ≤ q12 &amp;lt; max 为“单因子非线性减弱”；q12 = max（一个因子的层嵌套在另一个因子的层中，两者叠加无增益）为“嵌套（q12 = max）”；max &amp;lt; q12 &amp;lt; q1 + q2 为“双因子增强”；q12 = q1 + q2 为“独立”；q12 &amp;gt; q1 + q2 为“非线性增强”。等式在相对容差 1e-10 内成立；每对因子只按其自身的三个 q 值判定类型。由于 X1∩X2 的层细分了每个因子的层，q12 ≥ max(q1, q2) 总成立，因此在同一样本上计算 q 时两种减弱类型不会出现。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Risk detector&lt;/b&gt;: the mean of Y in each stratum and, for each pair of strata, Welch's t-test t = (Ȳ&lt;sub&gt;a&lt;/sub&gt; − Ȳ&lt;sub&gt;b&lt;/sub&gt;) / √(s&lt;sub&gt;a&lt;/sub&gt;²/n&lt;sub&gt;a&lt;/sub&gt; + s&lt;sub&gt;b&lt;/sub&gt;²/n&lt;sub&gt;b&lt;/sub&gt;) with the Welch–Satterthwaite degrees of freedom (unrounded; the R package rounds them), two-sided, significant at 0.05. A pair with a stratum of a single sample, or with zero variance in both strata, is not tested (empty t and p, a note says why).</source>
            <translation>&lt;b&gt;风险探测&lt;/b&gt;：每层内 Y 的均值，以及每对层之间的 Welch t 检验 t = (Ȳ&lt;sub&gt;a&lt;/sub&gt; − Ȳ&lt;sub&gt;b&lt;/sub&gt;) / √(s&lt;sub&gt;a&lt;/sub&gt;²/n&lt;sub&gt;a&lt;/sub&gt; + s&lt;sub&gt;b&lt;/sub&gt;²/n&lt;sub&gt;b&lt;/sub&gt;)，自由度按 Welch–Satterthwaite 公式（不取整；R 包会取整），双侧检验，显著性水平 0.05。若某层只有一个样本，或两层方差均为零，则该对不检验（t 与 p 为空，并有说明）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Ecological detector&lt;/b&gt;: F = N&lt;sub&gt;1&lt;/sub&gt;(N&lt;sub&gt;2&lt;/sub&gt; − 1)SSW&lt;sub&gt;1&lt;/sub&gt; / [N&lt;sub&gt;2&lt;/sub&gt;(N&lt;sub&gt;1&lt;/sub&gt; − 1)SSW&lt;sub&gt;2&lt;/sub&gt;] with SSW = Σ n&lt;sub&gt;h&lt;/sub&gt;σ&lt;sub&gt;h&lt;/sub&gt;² of each factor, df (N&lt;sub&gt;1&lt;/sub&gt; − 1, N&lt;sub&gt;2&lt;/sub&gt; − 1) (Wang &amp;amp; Xu 2017; R package GD), two-sided test of equal SSW, significant at 0.05. With the same samples for both factors F = (1 − q1)/(1 − q2).</source>
            <translation>&lt;b&gt;生态探测&lt;/b&gt;：F = N&lt;sub&gt;1&lt;/sub&gt;(N&lt;sub&gt;2&lt;/sub&gt; − 1)SSW&lt;sub&gt;1&lt;/sub&gt; / [N&lt;sub&gt;2&lt;/sub&gt;(N&lt;sub&gt;1&lt;/sub&gt; − 1)SSW&lt;sub&gt;2&lt;/sub&gt;]，SSW = Σ n&lt;sub&gt;h&lt;/sub&gt;σ&lt;sub&gt;h&lt;/sub&gt;² 分别按各因子计算，自由度 (N&lt;sub&gt;1&lt;/sub&gt; − 1, N&lt;sub&gt;2&lt;/sub&gt; − 1)（Wang &amp;amp; Xu 2017；R 包 GD），检验两者 SSW 是否相等的双侧检验，显著性水平 0.05。两个因子样本相同时 F = (1 − q1)/(1 − q2)。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Discretisation&lt;/b&gt; (continuous factors; class edges e0 = min … ek = max, upper limits inclusive as the GD package): equal interval; quantile (numpy linear = R type 7); natural breaks by exact Fisher–Jenks dynamic programming on the distinct values (exact for up to 3000 distinct values, else on a sorted sample of 3000 order statistics); geometric interval (geometric sequence from min to max, data shifted to a minimum of 1 when min ≤ 0); standard deviation (breaks at the mean ± multiples of w, w = 1 SD halved down to ¼ SD until they fit in the data range); optimal: each of these with CLASSES_MIN…CLASSES_MAX classes, the largest q wins (ties: fewer classes, then the lower method number). Tied values can merge classes, so a factor can have fewer strata than CLASSES. Text fields and fields in CATEGORICAL_FIELDS are always used as strata.</source>
            <translation>&lt;b&gt;离散化&lt;/b&gt;（连续因子；类别边界 e0 = min … ek = max，与 GD 包相同，上限包含在内）：等间距；分位数（numpy 线性 = R 第 7 型）；自然断点，在不同值上以精确的 Fisher–Jenks 动态规划求得（不同值不超过 3000 个时精确，否则在 3000 个次序统计量的有序样本上计算）；几何间隔（从 min 到 max 的等比数列，min ≤ 0 时将数据平移使最小值为 1）；标准差（断点位于均值 ± w 的倍数，w 从 1 个标准差起逐次减半直至 ¼ 标准差，使断点落在数据范围内）；最优：上述每种方法以 CLASSES_MIN…CLASSES_MAX 类尝试，q 最大者胜出（相同时取类别数较少者，再取方法编号较小者）。相同的值可能合并类别，因此因子的层数可能少于 CLASSES。文本字段和 CATEGORICAL_FIELDS 中的字段始终作为层使用。</translation>
        </message>
        <message>
            <source>&lt;b&gt;GOZH&lt;/b&gt; (METHOD 7; geographically optimal zones-based heterogeneity, Luo et al. 2022): the strata of a continuous factor are the leaves of a regression tree (CART) of Y on the factor, grown with the rules of R &lt;i&gt;rpart&lt;/i&gt; at its defaults as R &lt;i&gt;gdverse&lt;/i&gt; does (cp = 0.01, minsplit = 20, minbucket = 7, maxdepth = 30): the zones are chosen to explain Y, and their number follows from the data. Prefer it when you do not want to choose a discretisation and number of classes, or when a factor acts through thresholds. PyPI &lt;i&gt;geodetector&lt;/i&gt; 0.2 grows a scikit-learn tree of depth ≤ 5 with leaves of ≥ 5 samples and no cp, so its zones (and q) differ. &lt;b&gt;RGD&lt;/b&gt; (METHOD 8; robust geographical detector, Zhang, Song &amp;amp; Wu 2022): Y ordered by the factor is cut into k contiguous strata with the least within-strata sum of squares (exact change points by dynamic programming; equal factor values stay together; above 1000 distinct values the cuts are searched among 1000 groups of about equal count); k in CLASSES_MIN…CLASSES_MAX is the first where q stops increasing by more than 5 % (the increase-rate rule of gdverse, applied to q itself rather than a LOESS smooth; gdverse tries 3…8). Prefer it when q should not depend on an arbitrary discretisation and the factor acts monotonically or in steps. q of the Y-fitted methods (6–8) is optimistic for small samples, since the strata are chosen to maximise it on the same data. Each factor's class edges are in the factor table's &lt;i&gt;breaks&lt;/i&gt;; text and categorical factors stay categorical.</source>
            <translation>&lt;b&gt;GOZH&lt;/b&gt;（METHOD 7；基于地理最优分区的异质性，Luo 等 2022）：连续因子的层为 Y 对该因子的回归树（CART）的叶节点，按 R &lt;i&gt;rpart&lt;/i&gt; 的默认规则生长，与 R &lt;i&gt;gdverse&lt;/i&gt; 相同（cp = 0.01、minsplit = 20、minbucket = 7、maxdepth = 30）：分区是为解释 Y 而选择的，其数目由数据决定。当不想选择离散化方法和类别数，或因子通过阈值起作用时，宜选用此法。PyPI &lt;i&gt;geodetector&lt;/i&gt; 0.2 生长的是深度 ≤ 5、叶节点 ≥ 5 个样本且无 cp 的 scikit-learn 树，因此其分区（及 q）不同。&lt;b&gt;RGD&lt;/b&gt;（METHOD 8；稳健地理探测器，Zhang、Song &amp;amp; Wu 2022）：按因子排序的 Y 被切分为 k 个连续的层，使层内平方和最小（以动态规划求精确变点；因子值相同者保持在一起；不同值超过 1000 个时，在约等频的 1000 个组之间搜索切点）；k 取 CLASSES_MIN…CLASSES_MAX 中第一个使 q 的增幅不再超过 5 % 的值（gdverse 的增长率规则，直接作用于 q 而非 LOESS 平滑；gdverse 尝试 3…8）。当 q 不应依赖任意的离散化、且因子呈单调或阶梯式作用时，宜选用此法。以 Y 拟合的方法（6–8）的 q 在小样本下偏乐观，因为层是在同一数据上为使其最大而选择的。各因子的类别边界见因子探测表的 &lt;i&gt;breaks&lt;/i&gt;；文本和类别型因子保持为类别型。</translation>
        </message>
        <message>
            <source>&lt;b&gt;LESH&lt;/b&gt; (OUTPUT_LESH; locally explained stratified heterogeneity, Li et al. 2023): how much each factor contributes to the q of all factors together. v(S) is the q of the strata formed by intersecting the strata of the factors in S, v(∅) = 0, and each factor gets its Shapley value θ&lt;sub&gt;j&lt;/sub&gt; = Σ&lt;sub&gt;S ⊆ M∖{j}&lt;/sub&gt; |S|! (m − |S| − 1)! / m! · [v(S ∪ {j}) − v(S)] (&lt;i&gt;shapley_q&lt;/i&gt;); the θ add up to LESH_TOTAL_Q = v(M) and are ≥ 0 (intersecting strata never lowers q); &lt;i&gt;share&lt;/i&gt; = θ / v(M). Prefer it to ranking single-factor q when factors overlap (shared explanation is split fairly) or interact. Exact over all 2&lt;sup&gt;m&lt;/sup&gt; − 1 subsets: at most 10 factors (2&lt;sup&gt;10&lt;/sup&gt; − 1 = 1023 q evaluations, each one pass over the samples; 8 factors of 10⁵ samples take about a second). Where the references differ: R &lt;i&gt;gdverse&lt;/i&gt;'s &lt;i&gt;spd_lesh&lt;/i&gt; forms v(S) from a joint tree on the factors of S and sums only over non-empty S (no v({j}) − v(∅) term), so its values do not add up to q; PyPI &lt;i&gt;geodetector&lt;/i&gt; 0.2 includes S = ∅ as here but clips negative values at 0 and by default forms v(S) by a joint tree; it also drops single-sample strata from q (here, as in R &lt;i&gt;geodetector&lt;/i&gt;, every stratum counts). With many strata per factor the combined strata become small and v(M) approaches 1; use few classes.</source>
            <translation>&lt;b&gt;LESH&lt;/b&gt;（OUTPUT_LESH；局部解释的分层异质性，Li 等 2023）：各因子对所有因子共同的 q 的贡献。v(S) 为 S 中各因子的层相交所形成的层的 q，v(∅) = 0，每个因子得到其 Shapley 值 θ&lt;sub&gt;j&lt;/sub&gt; = Σ&lt;sub&gt;S ⊆ M∖{j}&lt;/sub&gt; |S|! (m − |S| − 1)! / m! · [v(S ∪ {j}) − v(S)]（&lt;i&gt;shapley_q&lt;/i&gt;）；各 θ 之和为 LESH_TOTAL_Q = v(M)，且 ≥ 0（层相交不会降低 q）；&lt;i&gt;share&lt;/i&gt; = θ / v(M)。当因子之间有重叠（共同的解释被公平分配）或存在交互时，宜用它代替按单因子 q 排序。对全部 2&lt;sup&gt;m&lt;/sup&gt; − 1 个子集精确计算：至多 10 个因子（2&lt;sup&gt;10&lt;/sup&gt; − 1 = 1023 次 q 计算，每次扫描一遍样本；10⁵ 个样本的 8 个因子约需一秒）。各参考实现的差异：R &lt;i&gt;gdverse&lt;/i&gt; 的 &lt;i&gt;spd_lesh&lt;/i&gt; 用 S 中因子的联合树构造 v(S)，且只对非空 S 求和（没有 v({j}) − v(∅) 项），因此其值之和不等于 q；PyPI &lt;i&gt;geodetector&lt;/i&gt; 0.2 与此处一样包含 S = ∅，但将负值截断为 0，并默认用联合树构造 v(S)；它还从 q 中去掉只有一个样本的层（此处与 R &lt;i&gt;geodetector&lt;/i&gt; 相同，每一层都计入）。每个因子的层数很多时，组合后的层变得很小，v(M) 趋近于 1；请使用较少的类别。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Confidence&lt;/b&gt; (CONFIDENCE 1): a nonparametric bootstrap (Efron &amp;amp; Tibshirani 1993) of the samples, BOOTSTRAP resamples seeded by SEED, with the strata fixed as computed on the full data (class edges, and for methods 6–8 the chosen method, classes, tree or change points, are not refitted per resample: B times cheaper; the interval then shows how q varies with the sample for these strata, not the uncertainty of choosing the strata, and it does not remove the optimism of a Y-fitted stratification). q_low and q_high are the 2.5 % and 97.5 % percentiles of the resampled q (a 95 % percentile interval). Per year each year is resampled on its own, and the 'mean' rows get the interval of the mean q over the years. The p-value is unchanged (the non-central F test).</source>
            <translation>&lt;b&gt;置信区间&lt;/b&gt;（CONFIDENCE 1）：对样本做非参数自助法（Efron &amp;amp; Tibshirani 1993），以 SEED 为种子做 BOOTSTRAP 次重抽样，层固定为在全部数据上计算的结果（类别边界，以及方法 6–8 所选的方法、类别数、树或变点，不在每次重抽样时重新拟合：快 B 倍；此时区间显示的是对这些层 q 随样本的变化，而不是选择层的不确定性，也不能消除以 Y 拟合分层的乐观偏差）。q_low 和 q_high 为重抽样 q 的 2.5 % 和 97.5 % 百分位数（95 % 百分位区间）。逐年计算时每年单独重抽样，'mean' 行给出各年 q 均值的区间。p 值不变（非中心 F 检验）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Per year&lt;/b&gt; (YEAR_FIELD): every detector and the discretisation run on each year's rows separately; the factor table adds rows with year 'mean' holding the mean q over the years (as the paper's Tables 14–15), and the LESH table rows with year 'mean' holding the mean Shapley values and their share of the mean total q.</source>
            <translation>&lt;b&gt;逐年&lt;/b&gt;（YEAR_FIELD）：每种探测和离散化分别在各年的行上运行；因子探测表另加年份为 'mean' 的行，给出各年 q 的均值（如论文表 14–15），LESH 表另加年份为 'mean' 的行，给出 Shapley 值的均值及其占总 q 均值的比例。</translation>
        </message>
        <message>
            <source>Rows with NULL in Y_FIELD, in any factor field or in YEAR_FIELD are dropped before anything is computed; how many (and in which field) is written to the log. NaN or infinite Y values are dropped the same way.</source>
            <translation>Y_FIELD、任一因子字段或 YEAR_FIELD 为 NULL 的行在计算前被剔除；剔除的行数（及所在字段）写入日志。NaN 或无穷大的 Y 值同样剔除。</translation>
        </message>
        <message>
            <source>Raster of the variable to explain (band 1).</source>
            <translation>待解释变量的栅格（波段 1）。</translation>
        </message>
        <message>
            <source>Y raster (explained variable, e.g. RSEI)</source>
            <translation>Y 栅格（被解释变量，例如 RSEI）</translation>
        </message>
        <message>
            <source>Rasters of the explanatory factors (band 1 each), on the grid of Y. A factor's name in the outputs is its layer name.</source>
            <translation>解释因子的栅格（各取波段 1），与 Y 同一格网。输出中因子的名称为其图层名。</translation>
        </message>
        <message>
            <source>Factor rasters</source>
            <translation>因子栅格</translation>
        </message>
        <message>
            <source>Comma-separated factors always used as strata (each value a stratum, e.g. land cover), given by position in FACTORS (1 = first) or by layer/file name. With METHOD 0 every factor is categorical.</source>
            <translation>以逗号分隔、始终作为层使用的因子（每个值一层，例如土地覆被），按在 FACTORS 中的位置（1 = 第一个）或图层/文件名给出。METHOD 为 0 时所有因子均为类别型。</translation>
        </message>
        <message>
            <source>Categorical factors</source>
            <translation>类别型因子</translation>
        </message>
        <message>
            <source>0 uses every valid pixel. n &gt; 0 draws a random sample of n valid pixels (without replacement) and analyses it like a table, which also makes the risk detector's t-tests meaningful for large rasters.</source>
            <translation>0 使用所有有效像元。n &gt; 0 时无放回地随机抽取 n 个有效像元，按表格方式分析；这也使大栅格上风险探测的 t 检验有意义。</translation>
        </message>
        <message>
            <source>Sample size (0 = all pixels)</source>
            <translation>样本量（0 = 全部像元）</translation>
        </message>
        <message>
            <source>Seed of the pixel sample (and of the sample that sets the breaks when all pixels are used) and of the bootstrap resamples (CONFIDENCE 1); the same seed gives the same sample and interval.</source>
            <translation>像元抽样的种子（使用全部像元时也用于确定断点的样本）以及自助重抽样的种子（CONFIDENCE 1）；相同的种子得到相同的样本和区间。</translation>
        </message>
        <message>
            <source>Random seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>Geodetector (rasters)</source>
            <translation>地理探测器（栅格）</translation>
        </message>
        <message>
            <source>Geodetector on rasters: how much each factor raster (land cover, slope, precipitation…) explains the pattern of a raster Y such as RSEI (q statistic, 0–1), with the factor, interaction, risk and ecological detectors.</source>
            <translation>栅格版地理探测器：以因子探测、交互探测、风险探测和生态探测，度量各因子栅格（土地覆被、坡度、降水……）对栅格 Y（如 RSEI）空间分异的解释力（q 统计量，0–1）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give Y and the factor rasters on one grid; name the categorical factors (e.g. land cover) in CATEGORICAL_FACTORS; continuous factors are classed by METHOD (typically 5 classes). SAMPLE_SIZE 0 uses every pixel; a sample of e.g. 10 000 pixels (SEED fixed) runs faster. You get four tables and an optional HTML report.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入同一格网上的 Y 与因子栅格；在 CATEGORICAL_FACTORS 中指定类别型因子（例如土地覆被）；连续因子按 METHOD 分类（通常 5 类）。SAMPLE_SIZE 0 使用所有像元；抽样（例如 10 000 个像元，固定 SEED）运行更快。输出四张表和可选的 HTML 报告。</translation>
        </message>
        <message>
            <source>Explains a raster Y (e.g. RSEI) by factor rasters (categorical such as land cover, or continuous such as slope or precipitation) with the four Geodetector detectors — factor (q and p-value), interaction, risk and ecological — on every valid pixel or on a seeded random sample of pixels. All rasters must share one grid (band 1 of each is used).</source>
            <translation>用地理探测器的四种探测——因子探测（q 与 p 值）、交互探测、风险探测和生态探测——以因子栅格（类别型如土地覆被，或连续型如坡度、降水）解释栅格 Y（例如 RSEI），可在所有有效像元上或在带种子的随机像元样本上计算。所有栅格必须位于同一格网（各取波段 1）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;All pixels&lt;/b&gt; (SAMPLE_SIZE 0): the rasters are read block by block. Continuous factors get their breaks (and, with the optimal method, their method and number of classes) from a random sample of 200 000 valid pixels; a second pass classifies every pixel and accumulates, per stratum and per pair of strata, the count, sum and sum of squares of Y — all that q, its p-value, the interaction, risk and ecological detectors need — so memory does not grow with the raster. Categorical factors use their exact distinct values (at most 256). &lt;b&gt;Sample&lt;/b&gt; (SAMPLE_SIZE n &amp;gt; 0): n valid pixels drawn without replacement (the n smallest values of a SEED-keyed hash of the pixel index: reproducible, and independent of the block size), analysed like a table. GOZH and RGD (METHOD 7, 8) fit their tree or change points on that sample (all pixels: on the 200 000-pixel sample), then classify every pixel block by block. LESH over all pixels accumulates, block by block, the count and sum of Y of each combination of strata that occurs, then evaluates every subset of factors on those cells (the same values as on the pixels themselves). The bootstrap (CONFIDENCE 1) needs SAMPLE_SIZE &amp;gt; 0: it resamples the sample.</source>
            <translation>&lt;b&gt;全部像元&lt;/b&gt;（SAMPLE_SIZE 0）：栅格分块读取。连续因子的断点（最优方法下还包括方法与类别数）由 200 000 个有效像元的随机样本确定；第二遍对每个像元分类，并按层及层对累计 Y 的计数、和与平方和——这是 q、其 p 值以及交互、风险、生态探测所需的全部量——因此内存不随栅格大小增长。类别型因子使用其精确的不同值（至多 256 个）。&lt;b&gt;抽样&lt;/b&gt;（SAMPLE_SIZE n &amp;gt; 0）：无放回抽取 n 个有效像元（按像元索引的 SEED 哈希取最小的 n 个：可复现，且与分块大小无关），按表格方式分析。GOZH 和 RGD（METHOD 7、8）在该样本上拟合其树或变点（全部像元时：在 200 000 像元的样本上），再逐块对每个像元分类。全部像元下的 LESH 逐块累计所出现的每种层组合中 Y 的计数与和，再在这些单元上计算每个因子子集（与直接在像元上计算的值相同）。自助法（CONFIDENCE 1）需要 SAMPLE_SIZE &amp;gt; 0：它对样本重抽样。</translation>
        </message>
        <message>
            <source>A pixel that is NoData (or NaN) in Y or in any factor raster is left out of every detector; the number of such pixels is written to the log and the report.</source>
            <translation>在 Y 或任一因子栅格中为 NoData（或 NaN）的像元不参与任何探测；这类像元的数目写入日志和报告。</translation>
        </message>
        <message>
            <source>Grade raster (1–5, NoData 0) of the earlier year.</source>
            <translation>较早年份的等级栅格（1–5，NoData 为 0）。</translation>
        </message>
        <message>
            <source>Grades, earlier year</source>
            <translation>等级，较早年份</translation>
        </message>
        <message>
            <source>Grade raster (1–5, NoData 0) of the later year, on the same grid.</source>
            <translation>较晚年份的等级栅格（1–5，NoData 为 0），与前者同一格网。</translation>
        </message>
        <message>
            <source>Grades, later year</source>
            <translation>等级，较晚年份</translation>
        </message>
        <message>
            <source>Later minus earlier grade, −4 … +4 (int8, NoData −128), styled with a diverging palette.</source>
            <translation>较晚等级减较早等级，−4 … +4（int8，NoData 为 −128），以发散色带设置样式。</translation>
        </message>
        <message>
            <source>Grade change</source>
            <translation>等级变化</translation>
        </message>
        <message>
            <source>One row per earlier grade: area in km² going to each later grade (columns to_worst … to_excellent) and the row total.</source>
            <translation>每个较早等级一行：转入每个较晚等级的面积（km²；列 to_worst … to_excellent）及行合计。</translation>
        </message>
        <message>
            <source>Transition matrix (km²)</source>
            <translation>转移矩阵（km²）</translation>
        </message>
        <message>
            <source>Area that improved (km²)</source>
            <translation>变好的面积（km²）</translation>
        </message>
        <message>
            <source>Area with the same grade (km²)</source>
            <translation>等级不变的面积（km²）</translation>
        </message>
        <message>
            <source>Area that degraded (km²)</source>
            <translation>变差的面积（km²）</translation>
        </message>
        <message>
            <source>Ecological grade change (transition matrix)</source>
            <translation>生态等级变化（转移矩阵）</translation>
        </message>
        <message>
            <source>Compares the RSEI grades of two years: a change map (later minus earlier grade) and the transition matrix of areas between grades.</source>
            <translation>比较两个年份的 RSEI 等级：变化图（较晚等级减较早等级）和等级之间的面积转移矩阵。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give the grade rasters (OUTPUT_GRADES of rsei:rsei or the grades of rsei:rseiseries) of an earlier and a later year on one grid. You get the change map (−4 … +4, positive = better), the optional transition table in km² and the areas that improved, stayed and degraded.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入同一格网上较早和较晚年份的等级栅格（rsei:rsei 的 OUTPUT_GRADES 或 rsei:rseiseries 的等级）。输出变化图（−4 … +4，正值 = 变好）、可选的转移表（km²）以及变好、不变和变差的面积。</translation>
        </message>
        <message>
            <source>Compares two RSEI grade rasters (1 worst … 5 excellent, from rsei:rsei or rsei:rseiseries) on one grid. The &lt;b&gt;transition matrix&lt;/b&gt; gives the area in km² that went from each grade in the earlier raster (rows) to each grade in the later one (columns), from the true pixel area (exact on a geographic CRS, too), as in the grade-transfer analysis of RSEI studies. The &lt;b&gt;change map&lt;/b&gt; is the later grade minus the earlier one, −4 (excellent → worst) … +4 (worst → excellent); positive = improvement.</source>
            <translation>比较同一格网上的两个 RSEI 等级栅格（1 差 … 5 优，来自 rsei:rsei 或 rsei:rseiseries）。&lt;b&gt;转移矩阵&lt;/b&gt;按真实像元面积（地理坐标系下同样精确）给出从较早栅格每个等级（行）转为较晚栅格每个等级（列）的面积（km²），与 RSEI 研究中的等级转移分析相同。&lt;b&gt;变化图&lt;/b&gt;为较晚等级减较早等级，−4（优 → 差）… +4（差 → 优）；正值 = 改善。</translation>
        </message>
        <message>
            <source>Numeric outputs give the area that improved, stayed the same and degraded.</source>
            <translation>数值输出给出变好、保持不变和变差的面积。</translation>
        </message>
        <message>
            <source>A pixel that is NoData (0) in either raster is NoData (−128) in the change map and is not counted. A valid value other than 1–5 is an error.</source>
            <translation>在任一栅格中为 NoData（0）的像元在变化图中为 NoData（−128），且不计数。1–5 以外的有效值视为错误。</translation>
        </message>
        <message>
            <source>The *_MTL.txt/.xml/.json files of Collection 2 Level-2 scenes; the SR_B*/ST_B* and QA_PIXEL files must lie beside each MTL.</source>
            <translation>Collection 2 Level-2 景的 *_MTL.txt/.xml/.json 文件；SR_B*/ST_B* 与 QA_PIXEL 文件必须与各 MTL 位于同一文件夹。</translation>
        </message>
        <message>
            <source>Landsat scenes (MTL files)</source>
            <translation>Landsat 影像（MTL 文件）</translation>
        </message>
        <message>
            <source>Months whose scenes are used: a range (6-9, the paper's June–September; 1-12), a list (5,6,7) or a wrap-around range (11-2).</source>
            <translation>使用其影像的月份：范围（6-9，即论文的 6–9 月；1-12）、列表（5,6,7）或跨年范围（11-2）。</translation>
        </message>
        <message>
            <source>Months</source>
            <translation>月份</translation>
        </message>
        <message>
            <source>Observations whose QA_PIXEL flags any of these conditions are not clear. Default: fill, dilated cloud, cirrus, cloud, cloud shadow, snow.</source>
            <translation>QA_PIXEL 标记了其中任一条件的观测视为不晴空。默认：填充、扩张云、卷云、云、云影、雪。</translation>
        </message>
        <message>
            <source>QA mask (QA_PIXEL conditions dropped)</source>
            <translation>QA 掩膜（剔除的 QA_PIXEL 条件）</translation>
        </message>
        <message>
            <source>fill</source>
            <translation>填充</translation>
        </message>
        <message>
            <source>dilated cloud</source>
            <translation>扩张云</translation>
        </message>
        <message>
            <source>cirrus</source>
            <translation>卷云</translation>
        </message>
        <message>
            <source>cloud</source>
            <translation>云</translation>
        </message>
        <message>
            <source>cloud shadow</source>
            <translation>云影</translation>
        </message>
        <message>
            <source>snow</source>
            <translation>雪</translation>
        </message>
        <message>
            <source>water</source>
            <translation>水</translation>
        </message>
        <message>
            <source>Area of the composite (default: the first scene's grid).</source>
            <translation>合成影像的范围（默认：第一景的格网）。</translation>
        </message>
        <message>
            <source>Extent</source>
            <translation>范围</translation>
        </message>
        <message>
            <source>Polygons (e.g. the study area): pixels outside are NoData; their bounding box is the extent unless EXTENT is set.</source>
            <translation>多边形（例如研究区）：其外的像元为 NoData；未设 EXTENT 时以其外接矩形为范围。</translation>
        </message>
        <message>
            <source>Clip polygons</source>
            <translation>裁剪多边形</translation>
        </message>
        <message>
            <source>CRS of the composite (default: the first scene's CRS).</source>
            <translation>合成影像的坐标系（默认：第一景的坐标系）。</translation>
        </message>
        <message>
            <source>Target CRS</source>
            <translation>目标坐标系</translation>
        </message>
        <message>
            <source>Pixel size in target CRS units; 0 keeps the first scene's pixel size.</source>
            <translation>以目标坐标系单位表示的像元大小；0 保持第一景的像元大小。</translation>
        </message>
        <message>
            <source>Target resolution (0 = first scene's)</source>
            <translation>目标分辨率（0 = 第一景的）</translation>
        </message>
        <message>
            <source>Resampling of the reflectance/temperature bands when a scene is not on the target grid (QA_PIXEL always uses nearest neighbour).</source>
            <translation>影像不在目标格网上时，反射率/温度波段的重采样方法（QA_PIXEL 始终用最邻近法）。</translation>
        </message>
        <message>
            <source>Resampling</source>
            <translation>重采样</translation>
        </message>
        <message>
            <source>nearest</source>
            <translation>最邻近</translation>
        </message>
        <message>
            <source>bilinear</source>
            <translation>双线性</translation>
        </message>
        <message>
            <source>Transform the surface reflectance of TM and ETM+ scenes to OLI-like reflectance with the OLS functions of Roy et al. (2016, Table 2), OLI = a + b·ETM+ per band, before the median. Off (default): each sensor's reflectance as it is.</source>
            <translation>在取中值之前，用 Roy 等（2016，表 2）的 OLS 函数将 TM 与 ETM+ 影像的地表反射率转换为类 OLI 反射率，逐波段 OLI = a + b·ETM+。关闭（默认）：各传感器的反射率保持原样。</translation>
        </message>
        <message>
            <source>Harmonise TM/ETM+ to OLI (Roy et al. 2016)</source>
            <translation>将 TM/ETM+ 归一到 OLI（Roy 等 2016）</translation>
        </message>
        <message>
            <source>Median composite: blue, green, red, NIR, SWIR1, SWIR2 reflectance (+ LST °C).</source>
            <translation>中值合成：蓝、绿、红、近红外、短波红外 1、短波红外 2 反射率（+ LST °C）。</translation>
        </message>
        <message>
            <source>Composite</source>
            <translation>合成影像</translation>
        </message>
        <message>
            <source>Number of clear observations per pixel.</source>
            <translation>每个像元的晴空观测次数。</translation>
        </message>
        <message>
            <source>Clear observations</source>
            <translation>晴空观测次数</translation>
        </message>
        <message>
            <source>Landsat seasonal composite (median)</source>
            <translation>Landsat 季节合成（中值）</translation>
        </message>
        <message>
            <source>Makes one cloud-free seasonal image (per-pixel median of the clear observations) from several Landsat Collection 2 Level-2 scenes, ready for rsei:landsatindices.</source>
            <translation>由多景 Landsat Collection 2 Level-2 影像生成一幅无云的季节影像（晴空观测的逐像元中值），可直接用于 rsei:landsatindices。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Add the scenes' MTL files (the band files must lie beside them), set MONTHS to the season (6-9, June–September, as the paper) and keep the QA mask as it is. Optionally give an extent or clip polygons, a target CRS and resolution. You get a 7-band composite (six reflectances and LST in °C) and optionally the count of clear observations per pixel.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;添加各景的 MTL 文件（波段文件须在同一文件夹），将 MONTHS 设为季节（6-9，即 6–9 月，同论文），QA 掩膜保持不变。可选给出范围或裁剪多边形、目标坐标系和分辨率。输出 7 波段合成影像（六个反射率波段和 °C 为单位的 LST），并可选输出每个像元的晴空观测次数。</translation>
        </message>
        <message>
            <source>Builds one cloud-free seasonal image from several Landsat Collection 2 Level-2 scenes — of different dates, path/rows and sensors (TM, ETM+, OLI, OLI-2) — as the paper does for the peak vegetation season (June to September, CFMask-masked images mosaicked and synthesised; Han et al. 2025, section 2.2).</source>
            <translation>由多景 Landsat Collection 2 Level-2 影像——不同日期、行列号和传感器（TM、ETM+、OLI、OLI-2）——生成一幅无云的季节影像，与论文对植被生长旺季的处理相同（6 月至 9 月，经 CFMask 掩膜的影像镶嵌合成；Han 等 2025，第 2.2 节）。</translation>
        </message>
        <message>
            <source>Scenes acquired outside &lt;b&gt;MONTHS&lt;/b&gt; (&lt;code&gt;6-9&lt;/code&gt; by default; also &lt;code&gt;1-12&lt;/code&gt;, lists like &lt;code&gt;5,6,7&lt;/code&gt; and wrap-around ranges like &lt;code&gt;11-2&lt;/code&gt;) are skipped with a note in the log. Each scene's surface reflectance (and surface temperature) is scaled with the factors of its MTL, reflectance outside 0–1 and fill are dropped, and the QA_PIXEL conditions of &lt;b&gt;QA mask&lt;/b&gt; are dropped. Every scene is then read warped onto the target grid, block by block, and each output pixel gets the per-band median of its clear observations (an observation is clear when all of the scene's bands are valid there, so the bands of one pixel come from the same observations; with an even number the two middle values are averaged).</source>
            <translation>在 &lt;b&gt;MONTHS&lt;/b&gt;（默认 &lt;code&gt;6-9&lt;/code&gt;；也可为 &lt;code&gt;1-12&lt;/code&gt;、&lt;code&gt;5,6,7&lt;/code&gt; 这样的列表以及 &lt;code&gt;11-2&lt;/code&gt; 这样的跨年范围）以外获取的影像被跳过，并在日志中注明。每景的地表反射率（及地表温度）按其 MTL 中的系数缩放，剔除 0–1 以外的反射率和填充值，并剔除 &lt;b&gt;QA 掩膜&lt;/b&gt;中的 QA_PIXEL 条件。然后逐块将每景重投影读取到目标格网上，每个输出像元取其晴空观测的逐波段中值（某景所有波段在该处均有效时该观测才算晴空，因此一个像元的各波段来自相同的观测；观测数为偶数时取中间两个值的平均）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Target grid&lt;/b&gt;: the first selected scene's grid by default; TARGET_CRS, RESOLUTION and EXTENT (or the bounding box of CLIP) change it. With the first scene's CRS and pixel size the grid stays aligned to its pixels. Pixels outside the CLIP polygons are NoData.</source>
            <translation>&lt;b&gt;目标格网&lt;/b&gt;：默认为所选第一景的格网；TARGET_CRS、RESOLUTION 和 EXTENT（或 CLIP 的外接矩形）可改变它。采用第一景的坐标系和像元大小时，格网与其像元对齐。CLIP 多边形以外的像元为 NoData。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Output&lt;/b&gt;: bands blue, green, red, NIR, SWIR1, SWIR2 (reflectance 0–1) and, when every scene has a surface-temperature band, LST in °C; band descriptions and GeoTIFF tags record the bands, sensors and scenes, so &lt;i&gt;Landsat indices&lt;/i&gt; reads the composite directly. &lt;b&gt;Count&lt;/b&gt;: number of clear observations per pixel.</source>
            <translation>&lt;b&gt;输出&lt;/b&gt;：蓝、绿、红、近红外、短波红外 1、短波红外 2 波段（反射率 0–1），且当每景都有地表温度波段时，另有以 °C 为单位的 LST；波段描述和 GeoTIFF 标签记录了波段、传感器和影像，因此 &lt;i&gt;Landsat 指数&lt;/i&gt;可直接读取该合成影像。&lt;b&gt;计数&lt;/b&gt;：每个像元的晴空观测次数。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Cross-sensor harmonisation&lt;/b&gt; (HARMONIZE, advanced, off by default as in the paper's series): before the median, the surface reflectance of every TM and ETM+ scene is transformed to OLI-like reflectance with the ordinary-least-squares functions of Roy et al. (2016, Table 2), OLI = a + b·ETM+ per band (blue 0.0003 + 0.8474·x, green 0.0088 + 0.8483·x, red 0.0061 + 0.9047·x, NIR 0.0412 + 0.8462·x, SWIR1 0.0254 + 0.8937·x, SWIR2 0.0172 + 0.9071·x); the ETM+ coefficients are applied to TM too, as is common. OLI/OLI-2 scenes and the temperature band are unchanged. The tag RSEI_HARMONIZED and the sidecar record it. (The paper says that "band-specific convolution functions are employed to standardize formulas across different sensors" without giving them; this is the published transformation closest to that.)</source>
            <translation>&lt;b&gt;跨传感器归一化&lt;/b&gt;（HARMONIZE，高级选项，与论文的时间序列一样默认关闭）：在取中值之前，用 Roy 等（2016，表 2）的普通最小二乘函数将每景 TM 和 ETM+ 的地表反射率转换为类 OLI 反射率，逐波段 OLI = a + b·ETM+（蓝 0.0003 + 0.8474·x，绿 0.0088 + 0.8483·x，红 0.0061 + 0.9047·x，近红外 0.0412 + 0.8462·x，短波红外 1 0.0254 + 0.8937·x，短波红外 2 0.0172 + 0.9071·x）；按常见做法，ETM+ 的系数也用于 TM。OLI/OLI-2 影像和温度波段不变。标签 RSEI_HARMONIZED 和附属文件会记录此项。（论文称“采用波段特定的卷积函数来统一不同传感器的公式”，但未给出函数；这是与之最接近的已发表转换。）</translation>
        </message>
        <message>
            <source>Pixels without any clear observation are NoData (−9999) in the composite and 0 in the count; pixels outside the CLIP polygons are NoData in both (count −1). Scenes without QA_PIXEL are used with a warning (only fill and out-of-range values are dropped).</source>
            <translation>没有任何晴空观测的像元在合成影像中为 NoData（−9999），在计数中为 0；CLIP 多边形以外的像元在两者中均为 NoData（计数为 −1）。没有 QA_PIXEL 的影像仍会使用，并给出警告（只剔除填充值和超出范围的值）。</translation>
        </message>
        <message>
            <source>A scene's *_MTL.txt/.xml/.json (band files beside it), a rsei:landsatcomposite output, or any multiband reflectance GeoTIFF (set the band numbers under Advanced).</source>
            <translation>一景的 *_MTL.txt/.xml/.json（波段文件在同一文件夹）、rsei:landsatcomposite 的输出，或任意多波段反射率 GeoTIFF（在“高级”中设置波段编号）。</translation>
        </message>
        <message>
            <source>Landsat MTL file, composite or reflectance raster</source>
            <translation>Landsat MTL 文件、合成影像或反射率栅格</translation>
        </message>
        <message>
            <source>Pixels whose QA_PIXEL flags any of these conditions become NoData. Default: fill, dilated cloud, cirrus, cloud, cloud shadow and snow; add water to drop water too.</source>
            <translation>QA_PIXEL 标记了其中任一条件的像元设为 NoData。默认：填充、扩张云、卷云、云、云影和雪；加选“水”可同时剔除水体。</translation>
        </message>
        <message>
            <source>QA mask (QA_PIXEL conditions set to NoData)</source>
            <translation>QA 掩膜（设为 NoData 的 QA_PIXEL 条件）</translation>
        </message>
        <message>
            <source>Tasseled-cap wetness coefficients. Default: TM (eq. 5) for every sensor, the paper's rule for long series and the default of rsei:rseiseries too, so both tools give the same wetness. 'From the input's sensor' uses eq. 3/4/5 by sensor (a raster without sensor information then needs an explicit choice; a composite of several sensors uses TM).</source>
            <translation>缨帽变换湿度分量的系数。默认：所有传感器均用 TM 系数（式 5），这是论文对长时间序列的做法，也是 rsei:rseiseries 的默认值，因此两个工具得到相同的湿度。“按输入的传感器”则按传感器使用式 3/4/5（此时无传感器信息的栅格需要明确选择；多传感器合成影像使用 TM）。</translation>
        </message>
        <message>
            <source>Wetness coefficients</source>
            <translation>湿度系数</translation>
        </message>
        <message>
            <source>From the input's sensor</source>
            <translation>按输入的传感器</translation>
        </message>
        <message>
            <source>TM (Crist 1985) for every sensor — the paper's long-term choice</source>
            <translation>所有传感器均用 TM（Crist 1985）——论文对长时间序列的选择</translation>
        </message>
        <message>
            <source>ETM+ (Huang et al. 2002)</source>
            <translation>ETM+（Huang 等 2002）</translation>
        </message>
        <message>
            <source>OLI (Baig et al. 2014)</source>
            <translation>OLI（Baig 等 2014）</translation>
        </message>
        <message>
            <source>Transform TM/ETM+ surface reflectance to OLI-like reflectance with the OLS functions of Roy et al. (2016, Table 2), OLI = a + b·ETM+ per band, before the indices. Needs a Level-2 scene or a composite of TM/ETM+ scenes. Off (default): the reflectance as it is.</source>
            <translation>在计算指数之前，用 Roy 等（2016，表 2）的 OLS 函数将 TM/ETM+ 地表反射率转换为类 OLI 反射率，逐波段 OLI = a + b·ETM+。需要 Level-2 影像或由 TM/ETM+ 影像生成的合成影像。关闭（默认）：反射率保持原样。</translation>
        </message>
        <message>
            <source>Band-effective atmospheric transmittance for the radiative-transfer LST of Level-1 scenes (eq. 6-7). Ignored for Level-2 scenes, whose ST band is already corrected.</source>
            <translation>Level-1 影像辐射传输法 LST（式 6-7）的波段有效大气透过率。Level-2 影像的 ST 波段已校正，忽略此项。</translation>
        </message>
        <message>
            <source>Atmospheric transmittance τ (Level-1 LST)</source>
            <translation>大气透过率 τ（Level-1 LST）</translation>
        </message>
        <message>
            <source>Atmospheric upwelling (path) radiance for the Level-1 LST (eq. 7).</source>
            <translation>Level-1 LST 的大气上行（路径）辐射（式 7）。</translation>
        </message>
        <message>
            <source>Upwelling radiance L↑ (W·m⁻²·sr⁻¹·µm⁻¹, Level-1 LST)</source>
            <translation>大气上行辐射 L↑（W·m⁻²·sr⁻¹·µm⁻¹，Level-1 LST）</translation>
        </message>
        <message>
            <source>Atmospheric downwelling (sky) radiance for the Level-1 LST (eq. 7).</source>
            <translation>Level-1 LST 的大气下行（天空）辐射（式 7）。</translation>
        </message>
        <message>
            <source>Downwelling radiance L↓ (W·m⁻²·sr⁻¹·µm⁻¹, Level-1 LST)</source>
            <translation>大气下行辐射 L↓（W·m⁻²·sr⁻¹·µm⁻¹，Level-1 LST）</translation>
        </message>
        <message>
            <source>For a plain multiband raster input: the 1-based band holding blue (0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.</source>
            <translation>普通多波段栅格输入：蓝光所在波段的编号（从 1 开始；0 = 无）。MTL 文件和 rsei:landsatcomposite 输出忽略此项。</translation>
        </message>
        <message>
            <source>Raster input: band number of blue</source>
            <translation>栅格输入：蓝光波段编号</translation>
        </message>
        <message>
            <source>For a plain multiband raster input: the 1-based band holding green (0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.</source>
            <translation>普通多波段栅格输入：绿光所在波段的编号（从 1 开始；0 = 无）。MTL 文件和 rsei:landsatcomposite 输出忽略此项。</translation>
        </message>
        <message>
            <source>Raster input: band number of green</source>
            <translation>栅格输入：绿光波段编号</translation>
        </message>
        <message>
            <source>For a plain multiband raster input: the 1-based band holding red (0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.</source>
            <translation>普通多波段栅格输入：红光所在波段的编号（从 1 开始；0 = 无）。MTL 文件和 rsei:landsatcomposite 输出忽略此项。</translation>
        </message>
        <message>
            <source>Raster input: band number of red</source>
            <translation>栅格输入：红光波段编号</translation>
        </message>
        <message>
            <source>For a plain multiband raster input: the 1-based band holding NIR (0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.</source>
            <translation>普通多波段栅格输入：近红外所在波段的编号（从 1 开始；0 = 无）。MTL 文件和 rsei:landsatcomposite 输出忽略此项。</translation>
        </message>
        <message>
            <source>Raster input: band number of NIR</source>
            <translation>栅格输入：近红外波段编号</translation>
        </message>
        <message>
            <source>For a plain multiband raster input: the 1-based band holding SWIR1 (0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.</source>
            <translation>普通多波段栅格输入：短波红外 1 所在波段的编号（从 1 开始；0 = 无）。MTL 文件和 rsei:landsatcomposite 输出忽略此项。</translation>
        </message>
        <message>
            <source>Raster input: band number of SWIR1</source>
            <translation>栅格输入：短波红外 1 波段编号</translation>
        </message>
        <message>
            <source>For a plain multiband raster input: the 1-based band holding SWIR2 (0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.</source>
            <translation>普通多波段栅格输入：短波红外 2 所在波段的编号（从 1 开始；0 = 无）。MTL 文件和 rsei:landsatcomposite 输出忽略此项。</translation>
        </message>
        <message>
            <source>Raster input: band number of SWIR2</source>
            <translation>栅格输入：短波红外 2 波段编号</translation>
        </message>
        <message>
            <source>For a plain multiband raster input: the 1-based band holding thermal (temperature) (0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.</source>
            <translation>普通多波段栅格输入：热红外（温度）所在波段的编号（从 1 开始；0 = 无）。MTL 文件和 rsei:landsatcomposite 输出忽略此项。</translation>
        </message>
        <message>
            <source>Raster input: band number of thermal (temperature)</source>
            <translation>栅格输入：热红外（温度）波段编号</translation>
        </message>
        <message>
            <source>Reflectance = value × scale + offset for a plain raster (2.75e-05 and −0.2 for raw C2 L2 DN).</source>
            <translation>普通栅格的反射率 = 值 × 比例 + 偏移（原始 C2 L2 DN 为 2.75e-05 和 −0.2）。</translation>
        </message>
        <message>
            <source>Raster input: reflectance scale</source>
            <translation>栅格输入：反射率比例系数</translation>
        </message>
        <message>
            <source>Reflectance = value × scale + offset for a plain raster.</source>
            <translation>普通栅格的反射率 = 值 × 比例 + 偏移。</translation>
        </message>
        <message>
            <source>Raster input: reflectance offset</source>
            <translation>栅格输入：反射率偏移</translation>
        </message>
        <message>
            <source>Temperature = value × scale + offset for a plain raster (0.00341802 and 149.0 give kelvin for raw C2 L2 ST DN).</source>
            <translation>普通栅格的温度 = 值 × 比例 + 偏移（对原始 C2 L2 ST DN，0.00341802 和 149.0 得到开尔文）。</translation>
        </message>
        <message>
            <source>Raster input: thermal scale</source>
            <translation>栅格输入：热红外比例系数</translation>
        </message>
        <message>
            <source>Temperature = value × scale + offset for a plain raster.</source>
            <translation>普通栅格的温度 = 值 × 比例 + 偏移。</translation>
        </message>
        <message>
            <source>Raster input: thermal offset</source>
            <translation>栅格输入：热红外偏移</translation>
        </message>
        <message>
            <source>Unit of the thermal band after scale and offset (kelvin is converted to °C).</source>
            <translation>热红外波段经比例和偏移换算后的单位（开尔文会换算为 °C）。</translation>
        </message>
        <message>
            <source>Raster input: unit of the scaled thermal band</source>
            <translation>栅格输入：换算后热红外波段的单位</translation>
        </message>
        <message>
            <source>kelvin</source>
            <translation>开尔文</translation>
        </message>
        <message>
            <source>°C</source>
            <translation>°C</translation>
        </message>
        <message>
            <source>NDVI, greenness (eq. 2).</source>
            <translation>NDVI，绿度（式 2）。</translation>
        </message>
        <message>
            <source>NDVI</source>
            <translation>绿度（NDVI）</translation>
        </message>
        <message>
            <source>Tasseled-cap wetness WET (eq. 3-5).</source>
            <translation>缨帽变换湿度分量 WET（式 3-5）。</translation>
        </message>
        <message>
            <source>WET</source>
            <translation>湿度（WET）</translation>
        </message>
        <message>
            <source>NDBSI, dryness (eq. 9-11).</source>
            <translation>NDBSI，干度（式 9-11）。</translation>
        </message>
        <message>
            <source>NDBSI</source>
            <translation>干度（NDBSI）</translation>
        </message>
        <message>
            <source>Land surface temperature in °C (Level-2 ST band, or eq. 6-8 for Level-1 scenes).</source>
            <translation>地表温度，单位 °C（Level-2 ST 波段，Level-1 影像按式 6-8）。</translation>
        </message>
        <message>
            <source>LST</source>
            <translation>热度（LST）</translation>
        </message>
        <message>
            <source>MNDWI, for water masks (Xu 2006).</source>
            <translation>MNDWI，用于水体掩膜（Xu 2006）。</translation>
        </message>
        <message>
            <source>MNDWI</source>
            <translation>MNDWI</translation>
        </message>
        <message>
            <source>Landsat indices (NDVI, WET, NDBSI, LST, MNDWI)</source>
            <translation>Landsat 指数（NDVI、WET、NDBSI、LST、MNDWI）</translation>
        </message>
        <message>
            <source>Computes the four RSEI indicators — greenness NDVI, wetness WET, dryness NDBSI and heat LST — and MNDWI from one Landsat scene or composite.</source>
            <translation>由一景 Landsat 影像或合成影像计算 RSEI 的四个指标——绿度 NDVI、湿度 WET、干度 NDBSI 和热度 LST——以及 MNDWI。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give a scene's MTL file, a composite of rsei:landsatcomposite or a multiband reflectance raster (then set the band numbers and scales), and choose the outputs you want. Keep the QA mask and the wetness coefficients at their defaults (the sensor's own). The rasters feed rsei:rsei directly.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入一景的 MTL 文件、rsei:landsatcomposite 的合成影像或多波段反射率栅格（此时设置波段编号和比例系数），并选择所需的输出。QA 掩膜和湿度系数保持默认值（传感器自身的）。所得栅格可直接用于 rsei:rsei。</translation>
        </message>
        <message>
            <source>Computes the four indicators of the Remote Sensing Ecological Index (Han et al. 2025, section 3.1) on the grid of the input, block by block, each as an optional float32 raster.</source>
            <translation>在输入的格网上分块计算遥感生态指数的四个指标（Han 等 2025，第 3.1 节），每个都是可选的 float32 栅格。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Input&lt;/b&gt;: (1) a Landsat scene's MTL file (&lt;code&gt;*_MTL.txt&lt;/code&gt;, &lt;code&gt;.xml&lt;/code&gt; or &lt;code&gt;.json&lt;/code&gt;) — the sensor (TM, ETM+, OLI/OLI-2), product level and band files are read from it and the band files must lie beside it; (2) a composite made by &lt;i&gt;Landsat seasonal composite&lt;/i&gt; (recognised by its GeoTIFF tags: bands blue, green, red, NIR, SWIR1, SWIR2 as reflectance 0–1, then LST in °C); or (3) any multiband reflectance GeoTIFF (e.g. exported from Google Earth Engine): choose which band is which and their scale and offset under &lt;i&gt;Advanced&lt;/i&gt;.</source>
            <translation>&lt;b&gt;输入&lt;/b&gt;：(1) 一景 Landsat 的 MTL 文件（&lt;code&gt;*_MTL.txt&lt;/code&gt;、&lt;code&gt;.xml&lt;/code&gt; 或 &lt;code&gt;.json&lt;/code&gt;）——从中读取传感器（TM、ETM+、OLI/OLI-2）、产品级别和波段文件，波段文件须与其位于同一文件夹；(2) 由 &lt;i&gt;Landsat 季节合成&lt;/i&gt;生成的合成影像（由其 GeoTIFF 标签识别：蓝、绿、红、近红外、短波红外 1、短波红外 2 波段为 0–1 的反射率，其后为 °C 为单位的 LST）；或 (3) 任意多波段反射率 GeoTIFF（例如从 Google Earth Engine 导出）：在&lt;i&gt;高级&lt;/i&gt;中指定各波段及其比例与偏移。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Level-2 scenes&lt;/b&gt; (C2 L2SP): surface reflectance = DN × REFLECTANCE_MULT + REFLECTANCE_ADD and temperature = DN × TEMPERATURE_MULT + TEMPERATURE_ADD (K) − 273.15, all read from the MTL. Reflectance outside 0–1 (DN outside 7273–43636 for the usual 2.75e-5/−0.2) is NoData. QA_PIXEL bits chosen under &lt;i&gt;QA mask&lt;/i&gt; (fill, dilated cloud, cirrus, cloud, cloud shadow, snow; water optional) are NoData.</source>
            <translation>&lt;b&gt;Level-2 影像&lt;/b&gt;（C2 L2SP）：地表反射率 = DN × REFLECTANCE_MULT + REFLECTANCE_ADD，温度 = DN × TEMPERATURE_MULT + TEMPERATURE_ADD（K）− 273.15，系数均读自 MTL。0–1 以外的反射率（常用系数 2.75e-5/−0.2 下即 DN 在 7273–43636 之外）为 NoData。&lt;i&gt;QA 掩膜&lt;/i&gt;中所选的 QA_PIXEL 位（填充、扩张云、卷云、云、云影、雪；水可选）为 NoData。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Level-1 scenes&lt;/b&gt; (C1 or C2 L1TP): reflectance is top-of-atmosphere reflectance from the MTL, (DN × REFLECTANCE_MULT + REFLECTANCE_ADD) / sin(sun elevation) — not surface reflectance. LST follows the paper's radiative-transfer equation: at-sensor radiance I = DN × RADIANCE_MULT + RADIANCE_ADD (MTL), B&lt;sub&gt;T&lt;/sub&gt; = [I − L↑ − τ(1 − ε)L↓] / (ετ) (eq. 7) with the transmittance τ and up/down-welling radiance L↑, L↓ you give (e.g. from NASA's Atmospheric Correction Parameter Calculator, atmcorr.gsfc.nasa.gov), and LST = K2 / ln(1 + K1/B&lt;sub&gt;T&lt;/sub&gt;) − 273.15 (eq. 8) with K1, K2 from the MTL (Table 2 of the paper as fallback). Emissivity ε by the NDVI thresholds method of Sobrino et al. (2004): NDVI &amp;lt; 0.2 → ε = 0.979 − 0.035·ρ&lt;sub&gt;red&lt;/sub&gt;; 0.2–0.5 → ε = 0.986 + 0.004·P&lt;sub&gt;v&lt;/sub&gt; with P&lt;sub&gt;v&lt;/sub&gt; = ((NDVI − 0.2)/0.3)²; NDVI &amp;gt; 0.5 → ε = 0.99. ETM+ uses the low-gain band 6 (VCID_1).</source>
            <translation>&lt;b&gt;Level-1 影像&lt;/b&gt;（C1 或 C2 L1TP）：反射率为由 MTL 计算的大气顶层反射率，(DN × REFLECTANCE_MULT + REFLECTANCE_ADD) / sin(太阳高度角)——不是地表反射率。LST 按论文的辐射传输方程：传感器处辐亮度 I = DN × RADIANCE_MULT + RADIANCE_ADD（MTL），B&lt;sub&gt;T&lt;/sub&gt; = [I − L↑ − τ(1 − ε)L↓] / (ετ)（式 7），其中透过率 τ 及上行、下行辐射 L↑、L↓ 由用户给出（例如来自 NASA 的大气校正参数计算器 atmcorr.gsfc.nasa.gov），LST = K2 / ln(1 + K1/B&lt;sub&gt;T&lt;/sub&gt;) − 273.15（式 8），K1、K2 取自 MTL（缺失时用论文表 2）。地表比辐射率 ε 按 Sobrino 等（2004）的 NDVI 阈值法：NDVI &amp;lt; 0.2 → ε = 0.979 − 0.035·ρ&lt;sub&gt;red&lt;/sub&gt;；0.2–0.5 → ε = 0.986 + 0.004·P&lt;sub&gt;v&lt;/sub&gt;，P&lt;sub&gt;v&lt;/sub&gt; = ((NDVI − 0.2)/0.3)²；NDVI &amp;gt; 0.5 → ε = 0.99。ETM+ 使用低增益的第 6 波段（VCID_1）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Formulas&lt;/b&gt;: NDVI = (NIR − red)/(NIR + red) (eq. 2). WET = tasseled-cap wetness (eq. 3–5). By default the TM coefficients (Crist 1985, eq. 5) are applied to every sensor: the paper states "for calculating long-term WET, Formula (5) is uniformly applied", and rsei:rseiseries defaults to the same rule, so indicators made year by year here and the series tool give the same wetness. &lt;i&gt;From the input's sensor&lt;/i&gt; uses OLI Baig et al. 2014 (eq. 3), ETM+ Huang et al. 2002 (eq. 4) or TM (eq. 5) by the sensor (TM for a composite of several sensors). The paper prints −0.6706 for the TM SWIR1 coefficient; Crist (1985) publishes &lt;b&gt;−0.6806&lt;/b&gt;, which is used here. NDBSI = (SI + IBI)/2 (eq. 9) with SI (eq. 10) and IBI (eq. 11). MNDWI = (green − SWIR1)/(green + SWIR1) (Xu 2006), for water masks. LST in °C.</source>
            <translation>&lt;b&gt;公式&lt;/b&gt;：NDVI = (NIR − red)/(NIR + red)（式 2）。WET = 缨帽变换湿度分量（式 3–5）。默认所有传感器均用 TM 系数（Crist 1985，式 5）：论文指出“计算长时间序列的 WET 时统一采用公式 (5)”，rsei:rseiseries 也默认采用同一规则，因此这里逐年计算的指标与序列工具得到相同的湿度。&lt;i&gt;按输入的传感器&lt;/i&gt;则按传感器使用 OLI 的 Baig 等 2014（式 3）、ETM+ 的 Huang 等 2002（式 4）或 TM（式 5）（多传感器合成影像用 TM）。论文中 TM 短波红外 1 的系数印为 −0.6706；Crist（1985）发表的是 &lt;b&gt;−0.6806&lt;/b&gt;，此处采用后者。NDBSI = (SI + IBI)/2（式 9），SI 见式 10，IBI 见式 11。MNDWI = (green − SWIR1)/(green + SWIR1)（Xu 2006），用于水体掩膜。LST 单位为 °C。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Cross-sensor harmonisation&lt;/b&gt; (HARMONIZE, advanced, off by default): TM and ETM+ surface reflectance is transformed to OLI-like reflectance per band before the indices, OLI = a + b·ETM+ with the OLS coefficients of Roy et al. (2016, Table 2), applied to TM too, as in rsei:landsatcomposite. It needs to know the sensor: a Level-2 scene, or a composite of TM/ETM+ scenes only (a composite already harmonised is not transformed again; a composite mixing OLI with older sensors must be harmonised in rsei:landsatcomposite). Recorded in the tag RSEI_HARMONIZED and the sidecar.</source>
            <translation>&lt;b&gt;跨传感器归一化&lt;/b&gt;（HARMONIZE，高级选项，默认关闭）：在计算指数前，逐波段将 TM 和 ETM+ 的地表反射率转换为类 OLI 反射率，OLI = a + b·ETM+，采用 Roy 等（2016，表 2）的 OLS 系数，也用于 TM，与 rsei:landsatcomposite 相同。需要知道传感器：Level-2 影像，或只由 TM/ETM+ 影像生成的合成影像（已归一化的合成影像不再转换；混合 OLI 与较早传感器的合成影像须在 rsei:landsatcomposite 中归一化）。记录在标签 RSEI_HARMONIZED 和附属文件中。</translation>
        </message>
        <message>
            <source>Asking for an output whose band file is missing (e.g. LST without ST_B10) is an error naming the file; leave that output unset to make the others.</source>
            <translation>请求某个缺少波段文件的输出（例如没有 ST_B10 时的 LST）会报错并指出该文件；不设置该输出即可生成其他输出。</translation>
        </message>
        <message>
            <source>Fill, reflectance outside 0–1, ST fill (DN 0), NoData of the input and the QA-masked pixels are NoData (−9999) in every output; a zero denominator gives NoData. Without QA_PIXEL the run continues with a warning in the log.</source>
            <translation>填充值、0–1 以外的反射率、ST 填充值（DN 0）、输入的 NoData 以及经 QA 掩膜的像元，在所有输出中均为 NoData（−9999）；分母为零时为 NoData。没有 QA_PIXEL 时继续运行，并在日志中给出警告。</translation>
        </message>
        <message>
            <source>Area of the composites. Either EXTENT or CLIP is required.</source>
            <translation>合成影像的范围。EXTENT 与 CLIP 必须给出其一。</translation>
        </message>
        <message>
            <source>Polygons of the study area: pixels outside are NoData; their bounding box is the extent unless EXTENT is set; the search asks for items intersecting them.</source>
            <translation>研究区的多边形：其外的像元为 NoData；未设 EXTENT 时以其外接矩形为范围；检索与其相交的条目。</translation>
        </message>
        <message>
            <source>Years of the series: a range (2000-2024), a list (2000,2005,2010) or a mix (2000-2003,2010).</source>
            <translation>序列的年份：范围（2000-2024）、列表（2000,2005,2010）或混合（2000-2003,2010）。</translation>
        </message>
        <message>
            <source>Years</source>
            <translation>年份</translation>
        </message>
        <message>
            <source>Months of each year's season: 6-9 (June–September, the paper's), a list (5,6,7) or a wrap-around range (11-2, the season ending in the year).</source>
            <translation>每年季节的月份：6-9（6–9 月，同论文）、列表（5,6,7）或跨年范围（11-2，即在该年结束的季节）。</translation>
        </message>
        <message>
            <source>Months (season)</source>
            <translation>月份（季节）</translation>
        </message>
        <message>
            <source>TM (Landsat 4–5), ETM+ (Landsat 7), OLI (Landsat 8), OLI-2 (Landsat 9). Default: all.</source>
            <translation>TM（Landsat 4–5）、ETM+（Landsat 7）、OLI（Landsat 8）、OLI-2（Landsat 9）。默认：全部。</translation>
        </message>
        <message>
            <source>Sensors</source>
            <translation>传感器</translation>
        </message>
        <message>
            <source>TM</source>
            <translation>TM</translation>
        </message>
        <message>
            <source>ETM+</source>
            <translation>ETM+</translation>
        </message>
        <message>
            <source>OLI</source>
            <translation>OLI</translation>
        </message>
        <message>
            <source>OLI-2</source>
            <translation>OLI-2</translation>
        </message>
        <message>
            <source>ETM+ scenes after 31 May 2003 take part; their gaps are fill and the median fills them from the other scenes.</source>
            <translation>使用 2003 年 5 月 31 日之后的 ETM+ 影像；其条带缺失为填充值，由中值合成从其他影像补齐。</translation>
        </message>
        <message>
            <source>Use ETM+ SLC-off scenes</source>
            <translation>使用 ETM+ SLC-off 影像</translation>
        </message>
        <message>
            <source>Scenes whose eo:cloud_cover is above this are not used; QA_PIXEL masks the clouds of the others.</source>
            <translation>eo:cloud_cover 高于此值的影像不使用；其余影像的云由 QA_PIXEL 掩膜。</translation>
        </message>
        <message>
            <source>Maximum scene cloud cover (%)</source>
            <translation>单景最大云量（%）</translation>
        </message>
        <message>
            <source>Observations whose QA_PIXEL flags any of these conditions are not clear (as in Landsat seasonal composite).</source>
            <translation>QA_PIXEL 标记了其中任一条件的观测视为不晴空（同 Landsat 季节合成）。</translation>
        </message>
        <message>
            <source>CRS of the composites (default: the WGS 84 / UTM zone of the extent's centre).</source>
            <translation>合成影像的坐标系（默认：范围中心所在的 WGS 84 / UTM 带）。</translation>
        </message>
        <message>
            <source>Pixel size in target CRS units (default 30 m, Landsat's).</source>
            <translation>以目标坐标系单位表示的像元大小（默认 30 m，即 Landsat 的分辨率）。</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>分辨率</translation>
        </message>
        <message>
            <source>URL of the STAC API (http or https), e.g. Planetary Computer's, or another one serving Landsat C2 L2 items with the same asset keys.</source>
            <translation>STAC API 的 URL（http 或 https），例如 Planetary Computer 的，或其他以相同资产键提供 Landsat C2 L2 条目的服务。</translation>
        </message>
        <message>
            <source>STAC API</source>
            <translation>STAC API</translation>
        </message>
        <message>
            <source>The collection of Landsat Collection 2 Level-2 items.</source>
            <translation>Landsat Collection 2 Level-2 条目所在的集合。</translation>
        </message>
        <message>
            <source>Collection</source>
            <translation>集合</translation>
        </message>
        <message>
            <source>Planetary Computer SAS token (free, fetched and renewed automatically), or none for public or pre-signed hrefs.</source>
            <translation>Planetary Computer SAS 令牌（免费，自动获取和更新），或对公开或已预签名的链接选“无”。</translation>
        </message>
        <message>
            <source>Signing of asset URLs</source>
            <translation>资产 URL 的签名</translation>
        </message>
        <message>
            <source>Planetary Computer SAS token</source>
            <translation>Planetary Computer SAS 令牌</translation>
        </message>
        <message>
            <source>none (public or pre-signed hrefs)</source>
            <translation>无（公开或已预签名的链接）</translation>
        </message>
        <message>
            <source>Optional Planetary Computer subscription key (also read from the environment variable PC_SDK_SUBSCRIPTION_KEY, which keeps it out of the processing history). Never written out.</source>
            <translation>可选的 Planetary Computer 订阅密钥（也可从环境变量 PC_SDK_SUBSCRIPTION_KEY 读取，这样它不会出现在处理历史中）。绝不写入任何输出。</translation>
        </message>
        <message>
            <source>Subscription key</source>
            <translation>订阅密钥</translation>
        </message>
        <message>
            <source>The token endpoint; the collection name is appended.</source>
            <translation>令牌服务端点；其后会附加集合名称。</translation>
        </message>
        <message>
            <source>SAS token service</source>
            <translation>SAS 令牌服务</translation>
        </message>
        <message>
            <source>Folder keeping every fetched window (default: rsei_toolbox/stac under the user's cache directory). Safe to delete.</source>
            <translation>保存所有已下载窗口的文件夹（默认：用户缓存目录下的 rsei_toolbox/stac）。可安全删除。</translation>
        </message>
        <message>
            <source>Cache folder</source>
            <translation>缓存文件夹</translation>
        </message>
        <message>
            <source>Number of asset windows read at the same time.</source>
            <translation>同时读取的资产窗口数。</translation>
        </message>
        <message>
            <source>Concurrent reads</source>
            <translation>并发读取数</translation>
        </message>
        <message>
            <source>Timeout of one HTTP request; failed requests are retried a few times with backoff.</source>
            <translation>单个 HTTP 请求的超时；失败的请求会以退避方式重试数次。</translation>
        </message>
        <message>
            <source>Network timeout (s)</source>
            <translation>网络超时（秒）</translation>
        </message>
        <message>
            <source>composite_&lt;year&gt;.tif and count_&lt;year&gt;.tif for every year with a usable scene.</source>
            <translation>每个有可用影像的年份输出 composite_&lt;year&gt;.tif 和 count_&lt;year&gt;.tif。</translation>
        </message>
        <message>
            <source>Output folder</source>
            <translation>输出文件夹</translation>
        </message>
        <message>
            <source>Table: item id, year, date, sensor, path/row, scene cloud %, clear % inside the area, used yes/no and why, bytes read.</source>
            <translation>表：条目 ID、年份、日期、传感器、行列号、单景云量 %、区域内晴空 %、是否使用及原因、读取字节数。</translation>
        </message>
        <message>
            <source>Scenes</source>
            <translation>影像</translation>
        </message>
        <message>
            <source>Per year: the dates used, clear observations per pixel and a quick-look of the composite.</source>
            <translation>逐年：所用日期、每像元晴空观测次数以及合成影像的快视图。</translation>
        </message>
        <message>
            <source>Years written</source>
            <translation>已写出的年份数</translation>
        </message>
        <message>
            <source>Scenes used</source>
            <translation>已使用的影像数</translation>
        </message>
        <message>
            <source>Megabytes read</source>
            <translation>读取的兆字节数</translation>
        </message>
        <message>
            <source>Landsat seasonal composites from a STAC API (cloud)</source>
            <translation>基于 STAC API 的 Landsat 季节合成（云端）</translation>
        </message>
        <message>
            <source>Builds one cloud-free seasonal composite per year directly from the cloud (a STAC API, by default Microsoft Planetary Computer), reading only the area of interest.</source>
            <translation>直接从云端（STAC API，默认 Microsoft Planetary Computer）为每年生成一幅无云的季节合成影像，只读取研究区范围。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Draw or choose the EXTENT (or CLIP polygons), set YEARS (e.g. 2000-2024) and MONTHS (6-9, as the paper), keep the catalog and signing defaults, and choose an output folder. You get composite_&amp;lt;year&amp;gt;.tif files ready for rsei:landsatindices or rsei:rseiseries, a table of the scenes used and an optional report; a cache folder makes reruns fast.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;绘制或选择 EXTENT（或 CLIP 多边形），设置 YEARS（例如 2000-2024）和 MONTHS（6-9，同论文），目录和签名保持默认，并选择输出文件夹。输出可直接用于 rsei:landsatindices 或 rsei:rseiseries 的 composite_&amp;lt;year&amp;gt;.tif 文件、所用影像表和可选的报告；缓存文件夹使重复运行更快。</translation>
        </message>
        <message>
            <source>Builds one cloud-free seasonal composite per year from Landsat Collection 2 Level-2 scenes found through a &lt;b&gt;STAC API&lt;/b&gt; — by default Microsoft Planetary Computer's &lt;code&gt;landsat-c2-l2&lt;/code&gt; collection (no account needed) — reading &lt;b&gt;only the area's window&lt;/b&gt; of each band from the Cloud-Optimized GeoTIFFs (HTTP range requests through GDAL's &lt;code&gt;/vsicurl/&lt;/code&gt;), never whole scenes. This replaces the paper's Earth Engine step (Han et al. 2025, Table 1 and section 2.2).</source>
            <translation>由通过 &lt;b&gt;STAC API&lt;/b&gt; 检索到的 Landsat Collection 2 Level-2 影像为每年生成一幅无云的季节合成影像——默认使用 Microsoft Planetary Computer 的 &lt;code&gt;landsat-c2-l2&lt;/code&gt; 集合（无需账户）——从云优化 GeoTIFF 中&lt;b&gt;只读取研究区窗口&lt;/b&gt;内的各波段（通过 GDAL 的 &lt;code&gt;/vsicurl/&lt;/code&gt; 发出 HTTP 范围请求），从不读取整景。这取代了论文中的 Earth Engine 步骤（Han 等 2025，表 1 和第 2.2 节）。</translation>
        </message>
        <message>
            <source>For each year of &lt;b&gt;YEARS&lt;/b&gt; one search (POST &lt;code&gt;/search&lt;/code&gt;, all result pages) asks for the items of the season (&lt;b&gt;MONTHS&lt;/b&gt;; a wrap-around season such as 11-2 is the one ending in that year) over the area, with scene cloud cover ≤ &lt;b&gt;MAX_CLOUD&lt;/b&gt; and the chosen &lt;b&gt;SENSORS&lt;/b&gt;. Each scene's blue, green, red, NIR, SWIR1, SWIR2, surface-temperature and QA_PIXEL assets are read warped onto the target grid, concurrently, and composited exactly as &lt;i&gt;Landsat seasonal composite&lt;/i&gt; does (same QA mask, median of the clear observations, same bands, tags and NoData), so &lt;i&gt;Landsat indices&lt;/i&gt; and &lt;i&gt;RSEI time series&lt;/i&gt; take the outputs unchanged. Scale and offset come from each asset's &lt;code&gt;raster:bands&lt;/code&gt; (else the item's MTL).</source>
            <translation>对 &lt;b&gt;YEARS&lt;/b&gt; 中的每一年做一次检索（POST &lt;code&gt;/search&lt;/code&gt;，包含所有结果页），查找该区域上季节内（&lt;b&gt;MONTHS&lt;/b&gt;；11-2 这样的跨年季节指在该年结束的季节）、单景云量 ≤ &lt;b&gt;MAX_CLOUD&lt;/b&gt; 且属于所选 &lt;b&gt;SENSORS&lt;/b&gt; 的条目。每景的蓝、绿、红、近红外、短波红外 1、短波红外 2、地表温度和 QA_PIXEL 资产被并发地重投影读取到目标格网上，并完全按 &lt;i&gt;Landsat 季节合成&lt;/i&gt;的方式合成（相同的 QA 掩膜、晴空观测的中值、相同的波段、标签和 NoData），因此 &lt;i&gt;Landsat 指数&lt;/i&gt;和 &lt;i&gt;RSEI 时间序列&lt;/i&gt;可直接使用这些输出。比例与偏移取自各资产的 &lt;code&gt;raster:bands&lt;/code&gt;（否则取自条目的 MTL）。</translation>
        </message>
        <message>
            <source>Every fetched window is kept in &lt;b&gt;CACHE_FOLDER&lt;/b&gt; (with its size and checksum): a rerun, or a run resumed after a cancel, reads only what is missing; a damaged cached window is fetched again. Years already finished stay in OUTPUT_FOLDER when the run is canceled; the year in progress leaves nothing.</source>
            <translation>每个已下载的窗口都保存在 &lt;b&gt;CACHE_FOLDER&lt;/b&gt; 中（附大小和校验和）：重复运行或取消后继续运行时只读取缺失的部分；损坏的缓存窗口会重新下载。运行被取消时，已完成的年份保留在 OUTPUT_FOLDER 中；正在处理的年份不留下任何文件。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Target grid&lt;/b&gt;: TARGET_CRS (default the WGS 84 / UTM zone of the extent's centre) and RESOLUTION (default 30 m), pixel centres on multiples of the resolution as in USGS's Landsat grids. QGIS's proxy settings are used for the searches, the token and GDAL's reads. SAS tokens and the subscription key are never written to any output, table, report, cache or log (only item ids and unsigned hrefs are).</source>
            <translation>&lt;b&gt;目标格网&lt;/b&gt;：TARGET_CRS（默认为范围中心所在的 WGS 84 / UTM 带）和 RESOLUTION（默认 30 m），像元中心位于分辨率的整数倍上，与 USGS 的 Landsat 格网相同。检索、令牌和 GDAL 读取均使用 QGIS 的代理设置。SAS 令牌和订阅密钥绝不写入任何输出、表、报告、缓存或日志（只写条目 ID 和未签名的链接）。</translation>
        </message>
        <message>
            <source>Pixels without a clear observation in any scene of the year are NoData (−9999) in the composite and 0 in the count; outside the CLIP polygons NoData in both (count −1). A year without a usable scene is skipped with a warning.</source>
            <translation>在该年所有影像中均无晴空观测的像元，在合成影像中为 NoData（−9999），在计数中为 0；CLIP 多边形以外在两者中均为 NoData（计数为 −1）。没有可用影像的年份被跳过，并给出警告。</translation>
        </message>
        <message>
            <source>NDVI raster (eq. 2). All four indicators must be on one grid (CRS, origin, pixel size, size).</source>
            <translation>NDVI 栅格（式 2）。四个指标必须位于同一格网（坐标系、原点、像元大小、尺寸）。</translation>
        </message>
        <message>
            <source>Greenness (NDVI)</source>
            <translation>绿度（NDVI）</translation>
        </message>
        <message>
            <source>Tasseled-cap wetness raster (eq. 3–5), on the grid of NDVI.</source>
            <translation>缨帽变换湿度栅格（式 3–5），与 NDVI 同一格网。</translation>
        </message>
        <message>
            <source>Wetness (WET)</source>
            <translation>湿度（WET）</translation>
        </message>
        <message>
            <source>NDBSI raster (eq. 9–11), on the grid of NDVI.</source>
            <translation>NDBSI 栅格（式 9–11），与 NDVI 同一格网。</translation>
        </message>
        <message>
            <source>Dryness (NDBSI)</source>
            <translation>干度（NDBSI）</translation>
        </message>
        <message>
            <source>Land surface temperature raster (any unit; it is normalised), on the grid of NDVI.</source>
            <translation>地表温度栅格（任意单位；会被归一化），与 NDVI 同一格网。</translation>
        </message>
        <message>
            <source>Heat (LST)</source>
            <translation>热度（LST）</translation>
        </message>
        <message>
            <source>Optional raster on the same grid; pixels where it is non-zero are left out of the normalisation and the PCA and are NoData in the outputs. Make one with any raster calculator, e.g. "mndwi@1" &gt; 0 for water; or give MNDWI below instead.</source>
            <translation>同一格网上的可选栅格；其值非零的像元不参与归一化和主成分分析，在输出中为 NoData。可用任意栅格计算器生成，例如以 "mndwi@1" &gt; 0 表示水体；或改为在下方给出 MNDWI。</translation>
        </message>
        <message>
            <source>Mask (non-zero = exclude)</source>
            <translation>掩膜（非零 = 排除）</translation>
        </message>
        <message>
            <source>Optional MNDWI raster on the same grid (OUTPUT_MNDWI of rsei:landsatindices): pixels with MNDWI above WATER_THRESHOLD are water and are left out like MASK's non-zero pixels (water's high wetness and low LST would otherwise dominate the PCA). May be combined with MASK.</source>
            <translation>同一格网上的可选 MNDWI 栅格（rsei:landsatindices 的 OUTPUT_MNDWI）：MNDWI 高于 WATER_THRESHOLD 的像元为水体，与 MASK 的非零像元一样被排除（否则水体的高湿度和低 LST 会主导主成分分析）。可与 MASK 同时使用。</translation>
        </message>
        <message>
            <source>Water index (MNDWI) to mask water</source>
            <translation>用于掩膜水体的水体指数（MNDWI）</translation>
        </message>
        <message>
            <source>Pixels with MNDWI above this value are water (Xu 2006 uses 0). Used only with MNDWI.</source>
            <translation>MNDWI 高于此值的像元为水体（Xu 2006 采用 0）。仅在给出 MNDWI 时使用。</translation>
        </message>
        <message>
            <source>MNDWI water threshold</source>
            <translation>MNDWI 水体阈值</translation>
        </message>
        <message>
            <source>0 (default, as the paper) normalises with the exact minimum and maximum. p &gt; 0 clips each indicator to its p-th and (100 − p)-th percentile first, so a few outliers do not squeeze the rest of the range (exact percentiles, two extra passes).</source>
            <translation>0（默认，同论文）以精确的最小值和最大值归一化。p &gt; 0 时先将每个指标截断到其第 p 和第 (100 − p) 百分位数，使少数异常值不至于压缩其余值的范围（精确百分位数，多两次扫描）。</translation>
        </message>
        <message>
            <source>Clip to percentiles before normalising (%)</source>
            <translation>归一化前按百分位数截断（%）</translation>
        </message>
        <message>
            <source>RSEI in [0, 1] (float32, NoData −9999), styled with a continuous ramp.</source>
            <translation>RSEI，取值 [0, 1]（float32，NoData 为 −9999），以连续色带设置样式。</translation>
        </message>
        <message>
            <source>Grades 1 worst … 5 excellent (uint8, NoData 0), styled with five labelled colours.</source>
            <translation>等级 1 差 … 5 优（uint8，NoData 为 0），以五种带标注的颜色设置样式。</translation>
        </message>
        <message>
            <source>Ecological grades</source>
            <translation>生态等级</translation>
        </message>
        <message>
            <source>Table: grade, name, pixel count, area in km² (true pixel area) and percent of the graded area.</source>
            <translation>表：等级、名称、像元数、面积（km²，真实像元面积）及占已分级面积的百分比。</translation>
        </message>
        <message>
            <source>Grade areas</source>
            <translation>等级面积</translation>
        </message>
        <message>
            <source>Optional HTML report: PC1 share, loadings and bounds, grade areas, and the feature space (cf. Figure 6 of the paper): the density of each normalised indicator against RSEI from exact block-wise 2-D histograms (100 × 100 bins over 0–1; one more read of the inputs), beside the PC1 loadings.</source>
            <translation>可选的 HTML 报告：PC1 贡献率、载荷与归一化界限、等级面积以及特征空间（参见论文图 6）：由精确的分块二维直方图（0–1 上 100 × 100 格；多读一次输入）得到的各归一化指标与 RSEI 的密度图，并列出 PC1 载荷。</translation>
        </message>
        <message>
            <source>PC1 share of the variance (%)</source>
            <translation>PC1 方差贡献率（%）</translation>
        </message>
        <message>
            <source>Mean RSEI</source>
            <translation>RSEI 均值</translation>
        </message>
        <message>
            <source>Remote sensing ecological index (RSEI)</source>
            <translation>遥感生态指数（RSEI）</translation>
        </message>
        <message>
            <source>Computes the remote sensing ecological index (RSEI, 0–1, higher = better) of one image by principal component analysis of its four indicators, and its five ecological grades.</source>
            <translation>通过对四个指标做主成分分析，计算一幅影像的遥感生态指数（RSEI，0–1，越高越好）及其五个生态等级。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give the NDVI, WET, NDBSI and LST rasters on one grid (the outputs of rsei:landsatindices) and, optionally, MNDWI to leave water out (or a MASK). Keep the percentile clip at 0, as the paper. You get the RSEI raster and optionally the grades, a table of grade areas and an HTML report; PC1_PERCENT tells how much of the variance PC1 explains (the paper expects more than 60 %).</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入同一格网上的 NDVI、WET、NDBSI 和 LST 栅格（rsei:landsatindices 的输出），可选给出 MNDWI 以排除水体（或给出 MASK）。百分位截断保持为 0，同论文。输出 RSEI 栅格，并可选输出等级、等级面积表和 HTML 报告；PC1_PERCENT 给出 PC1 解释的方差比例（论文要求大于 60 %）。</translation>
        </message>
        <message>
            <source>A pixel takes part only where all four indicators are valid (and, for rsei:rsei, MASK does not exclude it). Each indicator I is min–max normalised over those pixels, I' = (I − I&lt;sub&gt;min&lt;/sub&gt;) / (I&lt;sub&gt;max&lt;/sub&gt; − I&lt;sub&gt;min&lt;/sub&gt;) (eq. 12), optionally after clipping to the p-th and (100 − p)-th percentiles (advanced option). The percentiles are exact (numpy's default linear definition): a streaming histogram of 2&lt;sup&gt;20&lt;/sup&gt; bins locates the bins holding the needed order statistics and a second pass sorts the values of those bins (only with more than 4 million pixels in them, i.e. massive ties, is the value interpolated inside its bin, within (max − min)/2&lt;sup&gt;20&lt;/sup&gt;; the log says so). A principal component analysis is made on the &lt;i&gt;covariance&lt;/i&gt; matrix of the normalised indicators, computed exactly over &lt;i&gt;all&lt;/i&gt; taking-part pixels by streaming blocks (no sampling). PC1 is oriented so that its loadings of NDVI and WET minus those of NDBSI and LST sum to a positive number: a higher RSEI always means a better ecology, whatever sign the eigen-solver returns. RSEI = (PC1 − PC1&lt;sub&gt;min&lt;/sub&gt;) / (PC1&lt;sub&gt;max&lt;/sub&gt; − PC1&lt;sub&gt;min&lt;/sub&gt;) (eq. 13), with the exact extremes of PC1 over the pixels (one more pass, since PC1 is linear in the inputs).</source>
            <translation>只有四个指标均有效（对 rsei:rsei 还要求未被 MASK 排除）的像元参与计算。每个指标 I 在这些像元上做极差归一化，I' = (I − I&lt;sub&gt;min&lt;/sub&gt;) / (I&lt;sub&gt;max&lt;/sub&gt; − I&lt;sub&gt;min&lt;/sub&gt;)（式 12），可选先截断到第 p 和第 (100 − p) 百分位数（高级选项）。百分位数是精确的（numpy 默认线性定义）：以 2&lt;sup&gt;20&lt;/sup&gt; 格的流式直方图定位包含所需次序统计量的格，第二遍对这些格中的值排序（只有格内超过 400 万个像元，即大量重复值时，才在格内插值，误差在 (max − min)/2&lt;sup&gt;20&lt;/sup&gt; 以内；日志会注明）。在归一化指标的&lt;i&gt;协方差&lt;/i&gt;矩阵上做主成分分析，该矩阵通过流式分块在&lt;i&gt;全部&lt;/i&gt;参与像元上精确计算（不抽样）。PC1 的方向使 NDVI 与 WET 的载荷之和减去 NDBSI 与 LST 的载荷之和为正：无论特征值求解器返回何种符号，RSEI 越高始终表示生态越好。RSEI = (PC1 − PC1&lt;sub&gt;min&lt;/sub&gt;) / (PC1&lt;sub&gt;max&lt;/sub&gt; − PC1&lt;sub&gt;min&lt;/sub&gt;)（式 13），PC1 的极值在像元上精确求得（由于 PC1 是输入的线性函数，再多扫描一遍）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Grades&lt;/b&gt; (right-closed intervals, so 0.2 belongs to grade 1): 1 worst [0, 0.2], 2 poor (0.2, 0.4], 3 moderate (0.4, 0.6], 4 good (0.6, 0.8], 5 excellent (0.8, 1]. Grade areas use the true pixel area, also on a geographic CRS (ellipsoidal cell area per row).</source>
            <translation>&lt;b&gt;等级&lt;/b&gt;（右闭区间，因此 0.2 属于等级 1）：1 差 [0, 0.2]，2 较差 (0.2, 0.4]，3 中等 (0.4, 0.6]，4 良 (0.6, 0.8]，5 优 (0.8, 1]。等级面积使用真实像元面积，地理坐标系下同样如此（逐行计算椭球面上的像元面积）。</translation>
        </message>
        <message>
            <source>The PC1 loadings, eigenvalues, variance shares and normalisation bounds are written to the log and to the JSON sidecar of the RSEI raster. A warning is given when PC1 explains less than 60 % of the variance (the paper's threshold).</source>
            <translation>PC1 载荷、特征值、方差贡献率和归一化界限写入日志及 RSEI 栅格的 JSON 附属文件。PC1 解释的方差不足 60 %（论文的阈值）时给出警告。</translation>
        </message>
        <message>
            <source>A pixel that is NoData (or NaN) in any of the four indicators, or that MASK or MNDWI excludes, is NoData in both outputs (RSEI −9999, grades 0) and takes no part in the normalisation or the PCA. MASK excludes pixels where it is valid and non-zero, MNDWI pixels where it is valid and above WATER_THRESHOLD; their NoData pixels are kept.</source>
            <translation>在四个指标中任一个为 NoData（或 NaN）、或被 MASK 或 MNDWI 排除的像元，在两个输出中均为 NoData（RSEI 为 −9999，等级为 0），且不参与归一化和主成分分析。MASK 在其有效且非零处排除像元，MNDWI 在其有效且高于 WATER_THRESHOLD 处排除像元；它们的 NoData 像元保留。</translation>
        </message>
        <message>
            <source>One raster per year, all on one grid: composites or indicator sets (see input type).</source>
            <translation>每年一个栅格，均位于同一格网：合成影像或指标集（见输入类型）。</translation>
        </message>
        <message>
            <source>Yearly inputs</source>
            <translation>逐年输入</translation>
        </message>
        <message>
            <source>Composites: the indicators are computed from the 7 bands. Indicator sets: bands 1–4 are NDVI, WET, NDBSI, LST.</source>
            <translation>合成影像：由 7 个波段计算各指标。指标集：波段 1–4 分别为 NDVI、WET、NDBSI、LST。</translation>
        </message>
        <message>
            <source>Input type</source>
            <translation>输入类型</translation>
        </message>
        <message>
            <source>Landsat composites from rsei:landsatcomposite (7 bands: blue, green, red, NIR, SWIR1, SWIR2, LST °C)</source>
            <translation>rsei:landsatcomposite 生成的 Landsat 合成影像（7 个波段：蓝、绿、红、近红外、短波红外 1、短波红外 2、LST °C）</translation>
        </message>
        <message>
            <source>Indicator sets (4 bands: NDVI, WET, NDBSI, LST)</source>
            <translation>指标集（4 个波段：NDVI、WET、NDBSI、LST）</translation>
        </message>
        <message>
            <source>The year of each input, in the order of the inputs, e.g. '2000, 2005, 2010'. Empty: the four-digit year (1800–2199) in each file name.</source>
            <translation>每个输入的年份，按输入顺序，例如 '2000, 2005, 2010'。留空：取每个文件名中的四位年份（1800–2199）。</translation>
        </message>
        <message>
            <source>Years (comma-separated)</source>
            <translation>年份（以逗号分隔）</translation>
        </message>
        <message>
            <source>Tasseled-cap wetness coefficients (composites only). The paper uses the TM set for all years (eq. 5), the default. 'From each composite's sensor' uses eq. 3/4/5 by the sensor recorded by rsei:landsatcomposite, TM where a composite mixes sensors.</source>
            <translation>缨帽变换湿度系数（仅用于合成影像）。论文对所有年份使用 TM 系数（式 5），即默认值。“按每个合成影像的传感器”按 rsei:landsatcomposite 记录的传感器使用式 3/4/5，多传感器合成影像用 TM。</translation>
        </message>
        <message>
            <source>Wetness coefficients (composites)</source>
            <translation>湿度系数（合成影像）</translation>
        </message>
        <message>
            <source>TM (Crist 1985) — as the paper, for all years</source>
            <translation>TM（Crist 1985）——同论文，用于所有年份</translation>
        </message>
        <message>
            <source>From each composite's sensor (RSEI_SENSORS tag); TM for mixed-sensor composites</source>
            <translation>按每个合成影像的传感器（RSEI_SENSORS 标签）；多传感器合成影像用 TM</translation>
        </message>
        <message>
            <source>Composites only: leave out water pixels (MNDWI = (green − SWIR1)/(green + SWIR1) above the threshold), whose high wetness and low LST would otherwise dominate the PCA.</source>
            <translation>仅用于合成影像：剔除水体像元（MNDWI = (green − SWIR1)/(green + SWIR1) 高于阈值），否则其高湿度和低 LST 会主导主成分分析。</translation>
        </message>
        <message>
            <source>Mask water (MNDWI &gt; threshold)</source>
            <translation>掩膜水体（MNDWI &gt; 阈值）</translation>
        </message>
        <message>
            <source>Pixels with MNDWI above this value are water (Xu 2006 uses 0).</source>
            <translation>MNDWI 高于此值的像元为水体（Xu 2006 采用 0）。</translation>
        </message>
        <message>
            <source>Each year on its own (the paper) or one common fit on all years, which makes RSEI values comparable between years (see the help).</source>
            <translation>每年单独拟合（论文做法），或对所有年份统一拟合，使 RSEI 值在年份之间可比（见帮助）。</translation>
        </message>
        <message>
            <source>Normalisation and PCA</source>
            <translation>归一化与主成分分析</translation>
        </message>
        <message>
            <source>Each year on its own (as the paper)</source>
            <translation>每年单独拟合（同论文）</translation>
        </message>
        <message>
            <source>All years together (RSEI comparable between years)</source>
            <translation>所有年份统一拟合（RSEI 年际可比）</translation>
        </message>
        <message>
            <source>0 = exact min–max (the paper). p &gt; 0 clips each indicator to its p-th and (100 − p)-th percentile first.</source>
            <translation>0 = 精确的极差归一化（同论文）。p &gt; 0 时先将每个指标截断到其第 p 和第 (100 − p) 百分位数。</translation>
        </message>
        <message>
            <source>Receives rsei_&lt;year&gt;.tif (float32) and grades_&lt;year&gt;.tif (uint8, 1–5) with styles and JSON sidecars.</source>
            <translation>写入 rsei_&lt;year&gt;.tif（float32）和 grades_&lt;year&gt;.tif（uint8，1–5），附带样式和 JSON 附属文件。</translation>
        </message>
        <message>
            <source>Per year: mean RSEI, mean normalised NDVI, WET, NDBSI, LST, PC1 % of the fit, share of the year's variance along PC1 (%), pixels used.</source>
            <translation>逐年：RSEI 均值，归一化 NDVI、WET、NDBSI、LST 的均值，拟合的 PC1 %，该年方差在 PC1 上的比例（%），所用像元数。</translation>
        </message>
        <message>
            <source>RSEI by year (Table 5)</source>
            <translation>逐年 RSEI（表 5）</translation>
        </message>
        <message>
            <source>Per year: area in km² of each grade (worst … excellent) and its percentage.</source>
            <translation>逐年：各等级（差 … 优）的面积（km²）及其百分比。</translation>
        </message>
        <message>
            <source>Grade areas by year (Tables 6–7)</source>
            <translation>逐年等级面积（表 6–7）</translation>
        </message>
        <message>
            <source>HTML report with the RSEI-by-year curve, stacked grade-area bars and the tables.</source>
            <translation>HTML 报告：逐年 RSEI 曲线、堆积的等级面积条形图及各表。</translation>
        </message>
        <message>
            <source>Add to the report, per year, the density of each normalised indicator against RSEI (cf. Figure 6 of the paper; exact block-wise 2-D histograms, 100 × 100 bins) and the PC1 loadings. One more read of every year's input.</source>
            <translation>在报告中逐年加入各归一化指标与 RSEI 的密度图（参见论文图 6；精确的分块二维直方图，100 × 100 格）及 PC1 载荷。每年的输入多读一次。</translation>
        </message>
        <message>
            <source>Report: feature space per year (Figure 6)</source>
            <translation>报告：逐年特征空间（图 6）</translation>
        </message>
        <message>
            <source>RSEI time series (Table 5, Tables 6–7, report)</source>
            <translation>RSEI 时间序列（表 5、表 6–7、报告）</translation>
        </message>
        <message>
            <source>Computes the RSEI of every year of a series and the paper's tables: the mean RSEI and indicators per year (Table 5), the area of each grade per year (Tables 6–7), and a report with the RSEI curve.</source>
            <translation>计算序列中每一年的 RSEI 以及论文中的表：逐年 RSEI 与各指标均值（表 5）、逐年各等级面积（表 6–7），以及含 RSEI 曲线的报告。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Add one input per year — composites of rsei:landsatcomposite or rsei:landsatstac, or 4-band indicator rasters (NDVI, WET, NDBSI, LST) — with the year in each file name (or in YEARS), and choose an output folder. Typical: each year fitted on its own, as the paper (FIT = all years together makes RSEI comparable between years). You get rsei_&amp;lt;year&amp;gt;.tif and grades_&amp;lt;year&amp;gt;.tif per year, two tables and an optional report.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;每年添加一个输入——rsei:landsatcomposite 或 rsei:landsatstac 的合成影像，或 4 波段指标栅格（NDVI、WET、NDBSI、LST）——每个文件名中带年份（或在 YEARS 中给出），并选择输出文件夹。常用：每年单独拟合，同论文（FIT = 所有年份统一拟合使 RSEI 年际可比）。输出每年的 rsei_&amp;lt;year&amp;gt;.tif 和 grades_&amp;lt;year&amp;gt;.tif、两张表和可选的报告。</translation>
        </message>
        <message>
            <source>Turns a list of yearly inputs into one RSEI raster and one grade raster per year (&lt;code&gt;rsei_&amp;lt;year&amp;gt;.tif&lt;/code&gt;, &lt;code&gt;grades_&amp;lt;year&amp;gt;.tif&lt;/code&gt; in the output folder), the paper's tables — per year the mean RSEI, the mean normalised NDVI, WET, NDBSI and LST and the PC1 share (Table 5), and the area of each grade (Tables 6–7) — and an HTML report with the RSEI-by-year curve (Figure 7) and stacked grade-area bars (Figure 11).</source>
            <translation>将逐年输入转为每年一个 RSEI 栅格和一个等级栅格（输出文件夹中的 &lt;code&gt;rsei_&amp;lt;year&amp;gt;.tif&lt;/code&gt;、&lt;code&gt;grades_&amp;lt;year&amp;gt;.tif&lt;/code&gt;），生成论文中的表——逐年 RSEI 均值、归一化 NDVI、WET、NDBSI 与 LST 的均值及 PC1 贡献率（表 5），以及各等级面积（表 6–7）——并生成含逐年 RSEI 曲线（图 7）和堆积等级面积条形图（图 11）的 HTML 报告。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Inputs.&lt;/b&gt; Either 7-band composites from rsei:landsatcomposite, from which NDVI (eq. 2), tasseled-cap wetness (eq. 3–5, coefficients chosen below; TM for all years by default, as the paper), NDBSI (eq. 9–11) and LST are computed block by block, with optional water masking by MNDWI &amp;gt; threshold; or 4-band indicator sets (NDVI, WET, NDBSI, LST). All years must share one grid. The years come from YEARS or from the four-digit year in each file name.</source>
            <translation>&lt;b&gt;输入。&lt;/b&gt;或者是 rsei:landsatcomposite 生成的 7 波段合成影像，由其分块计算 NDVI（式 2）、缨帽变换湿度（式 3–5，系数见下方选项；默认所有年份用 TM，同论文）、NDBSI（式 9–11）和 LST，并可选以 MNDWI &amp;gt; 阈值掩膜水体；或者是 4 波段指标集（NDVI、WET、NDBSI、LST）。所有年份必须位于同一格网。年份取自 YEARS 或每个文件名中的四位年份。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Per-year or common fit.&lt;/b&gt; By default each year is normalised and PCA-fitted on its own, as in the paper. Then every year is min–max rescaled to span 0–1 (eq. 12 and 13), so a change in mean RSEI between two years mixes real change with the rescaling: a year with one very hot or very green outlier pixel shifts all its other values. With &lt;i&gt;all years together&lt;/i&gt;, one set of normalisation bounds and one PCA are fitted on the pixels of all years at once, so the same indicator values give the same RSEI in every year and differences between years are real differences. Table 5 then also gives, per year, the share of that year's variance along the common PC1.</source>
            <translation>&lt;b&gt;逐年拟合还是统一拟合。&lt;/b&gt;默认每年单独归一化并做主成分分析，与论文相同。此时每年都被极差缩放到 0–1（式 12 和 13），因此两年之间 RSEI 均值的变化混合了真实变化与缩放的影响：某年只要有一个极热或极绿的异常像元，其余所有值都会偏移。选择&lt;i&gt;所有年份统一拟合&lt;/i&gt;时，在所有年份的像元上一次拟合一组归一化界限和一个主成分分析，相同的指标值在每一年得到相同的 RSEI，年份之间的差异就是真实差异。此时表 5 还逐年给出该年方差在共同 PC1 上的比例。</translation>
        </message>
        <message>
            <source>Per year, a pixel NoData in any indicator (or in any band the indicators need), or water when masking is on, is NoData in that year's outputs and takes no part in the fit.</source>
            <translation>逐年地，任一指标（或指标所需的任一波段）为 NoData 的像元，或启用掩膜时的水体像元，在该年的输出中为 NoData，且不参与拟合。</translation>
        </message>
        <message>
            <source>Two or more single-band rasters (e.g. RSEI of each year) on the same grid (CRS, extent, pixel size). Band 1 of each is used.</source>
            <translation>同一格网（坐标系、范围、像元大小）上的两个或更多单波段栅格（例如每年的 RSEI）。各取波段 1。</translation>
        </message>
        <message>
            <source>Yearly rasters (one grid, time order)</source>
            <translation>逐年栅格（同一格网，按时间顺序）</translation>
        </message>
        <message>
            <source>One number per input, in the order of the inputs, e.g. 2000, 2001, 2003. Empty: the four-digit year (1800–2199) in each file name, else 1, 2, … n. Gaps between years are respected.</source>
            <translation>每个输入一个数，按输入顺序，例如 2000, 2001, 2003。留空：取每个文件名中的四位年份（1800–2199），否则为 1, 2, … n。年份之间的间隔会被考虑。</translation>
        </message>
        <message>
            <source>Pixels with fewer valid (not NoData) years than this are NoData in the outputs.</source>
            <translation>有效（非 NoData）年数少于此值的像元在输出中为 NoData。</translation>
        </message>
        <message>
            <source>Minimum valid years per pixel</source>
            <translation>每像元最少有效年数</translation>
        </message>
        <message>
            <source>|Sen slope| ≤ this value is classed 'stable' (class 3). 0.0005 per year is a common choice for RSEI and NDVI (the paper does not state one); 0 keeps only exactly flat pixels stable.</source>
            <translation>|Sen 斜率| ≤ 此值归为“稳定”（第 3 类）。对 RSEI 和 NDVI 常取每年 0.0005（论文未给出）；0 只将完全平坦的像元视为稳定。</translation>
        </message>
        <message>
            <source>Stable-slope threshold (per year)</source>
            <translation>稳定斜率阈值（每年）</translation>
        </message>
        <message>
            <source>A trend is significant when the two-sided p &lt; α (the paper uses 0.05, i.e. |Z| &gt; 1.96).</source>
            <translation>双侧 p &lt; α 时趋势显著（论文采用 0.05，即 |Z| &gt; 1.96）。</translation>
        </message>
        <message>
            <source>Significance level α</source>
            <translation>显著性水平 α</translation>
        </message>
        <message>
            <source>0.10</source>
            <translation>0.10</translation>
        </message>
        <message>
            <source>0.05</source>
            <translation>0.05</translation>
        </message>
        <message>
            <source>0.01</source>
            <translation>0.01</translation>
        </message>
        <message>
            <source>Original Mann–Kendall (the paper), or a variant for serially correlated series: the Hamed–Rao variance correction, pre-whitening (PW) or trend-free pre-whitening (TFPW). See the help.</source>
            <translation>原始 Mann–Kendall 检验（论文），或适用于序列自相关的变体：Hamed–Rao 方差校正、预白化（PW）或去趋势预白化（TFPW）。见帮助。</translation>
        </message>
        <message>
            <source>Test variant</source>
            <translation>检验方法</translation>
        </message>
        <message>
            <source>Original Mann–Kendall (paper, eq. 16–19)</source>
            <translation>原始 Mann–Kendall 检验（论文，式 16–19）</translation>
        </message>
        <message>
            <source>Hamed–Rao (1998) variance correction for autocorrelation</source>
            <translation>Hamed–Rao（1998）自相关方差校正</translation>
        </message>
        <message>
            <source>Pre-whitening, PW (Yue &amp; Wang 2002)</source>
            <translation>预白化 PW（Yue &amp; Wang 2002）</translation>
        </message>
        <message>
            <source>Trend-free pre-whitening, TFPW (Yue et al. 2002)</source>
            <translation>去趋势预白化 TFPW（Yue 等 2002）</translation>
        </message>
        <message>
            <source>Per pixel (the paper): significant where p &lt; α; about α of a trend-free map is then significant by chance. False discovery rate: Benjamini–Hochberg over all pixels, so that on average at most a fraction α of the significant pixels are false (Wilks 2016 recommends α = 2 × the per-test level, e.g. 0.10). Only classes 1 and 5 can change (to 2 and 4).</source>
            <translation>逐像元（论文做法）：p &lt; α 处为显著；此时无趋势的图中约有比例 α 的像元因偶然而显著。错误发现率：在所有像元上做 Benjamini–Hochberg 校正，使显著像元中平均至多有比例 α 是错误的（Wilks 2016 建议 α 取单次检验水平的 2 倍，例如 0.10）。只有第 1 和第 5 类可能改变（变为第 2 和第 4 类）。</translation>
        </message>
        <message>
            <source>Significance of the trend classes</source>
            <translation>趋势类别的显著性</translation>
        </message>
        <message>
            <source>Per pixel: p &lt; α at each pixel (the paper)</source>
            <translation>逐像元：每个像元 p &lt; α（论文做法）</translation>
        </message>
        <message>
            <source>False discovery rate over the map (Benjamini–Hochberg at α)</source>
            <translation>全图错误发现率（α 水平的 Benjamini–Hochberg）</translation>
        </message>
        <message>
            <source>Theil–Sen median slope per year (eq. 15 with the real years), float32.</source>
            <translation>每年的 Theil–Sen 中值斜率（按真实年份计算式 15），float32。</translation>
        </message>
        <message>
            <source>Sen slope (per year)</source>
            <translation>Sen 斜率（每年）</translation>
        </message>
        <message>
            <source>Lower limit of the 1 − α confidence interval of the Sen slope (Sen 1968; Gilbert 1987, 16.5), per year, float32.</source>
            <translation>Sen 斜率 1 − α 置信区间的下限（Sen 1968；Gilbert 1987，16.5），每年，float32。</translation>
        </message>
        <message>
            <source>Sen slope, lower confidence limit</source>
            <translation>Sen 斜率置信下限</translation>
        </message>
        <message>
            <source>Upper limit of the 1 − α confidence interval of the Sen slope, per year, float32.</source>
            <translation>Sen 斜率 1 − α 置信区间的上限，每年，float32。</translation>
        </message>
        <message>
            <source>Sen slope, upper confidence limit</source>
            <translation>Sen 斜率置信上限</translation>
        </message>
        <message>
            <source>Standardised test statistic Z with the continuity correction (eq. 19), float32.</source>
            <translation>带连续性校正的标准化检验统计量 Z（式 19），float32。</translation>
        </message>
        <message>
            <source>Mann–Kendall Z</source>
            <translation>Mann–Kendall Z</translation>
        </message>
        <message>
            <source>Two-sided p-value from the normal distribution, float32.</source>
            <translation>由正态分布得到的双侧 p 值，float32。</translation>
        </message>
        <message>
            <source>Mann–Kendall p (two-sided)</source>
            <translation>Mann–Kendall p（双侧）</translation>
        </message>
        <message>
            <source>BH-adjusted p of each pixel over all pixels with a p value: significant under the false discovery rate at level α exactly where q ≤ α. Float32.</source>
            <translation>每个像元在所有具有 p 值的像元上经 BH 校正的 p：在 α 水平的错误发现率下，恰在 q ≤ α 处显著。Float32。</translation>
        </message>
        <message>
            <source>Benjamini–Hochberg adjusted p (q)</source>
            <translation>Benjamini–Hochberg 校正 p 值（q）</translation>
        </message>
        <message>
            <source>1 significant improvement, 2 slight improvement, 3 stable, 4 slight degradation, 5 significant degradation; 0 = NoData (uint8, styled).</source>
            <translation>1 明显改善，2 轻微改善，3 稳定，4 轻微退化，5 明显退化；0 = NoData（uint8，已设样式）。</translation>
        </message>
        <message>
            <source>Trend class</source>
            <translation>趋势类别</translation>
        </message>
        <message>
            <source>The Mann–Kendall statistic S (eq. 16), float32.</source>
            <translation>Mann–Kendall 统计量 S（式 16），float32。</translation>
        </message>
        <message>
            <source>Mann–Kendall S</source>
            <translation>Mann–Kendall S</translation>
        </message>
        <message>
            <source>Tau = S / (n(n−1)/2), float32.</source>
            <translation>Tau = S / (n(n−1)/2)，float32。</translation>
        </message>
        <message>
            <source>Kendall tau</source>
            <translation>Kendall tau</translation>
        </message>
        <message>
            <source>Number of valid years n at each pixel (uint16; 0 = no valid year = NoData).</source>
            <translation>每个像元的有效年数 n（uint16；0 = 无有效年份 = NoData）。</translation>
        </message>
        <message>
            <source>Valid years</source>
            <translation>有效年数</translation>
        </message>
        <message>
            <source>Table: class code, class name, pixels, area (km²) and percent of the classified area, and the pixels and area of each class under the per-pixel test (the same unless SIGNIFICANCE is the false discovery rate).</source>
            <translation>表：类别代码、类别名称、像元数、面积（km²）及占已分类面积的百分比，以及逐像元检验下各类别的像元数和面积（除非 SIGNIFICANCE 为错误发现率，否则两者相同）。</translation>
        </message>
        <message>
            <source>Area per trend class</source>
            <translation>各趋势类别的面积</translation>
        </message>
        <message>
            <source>Sen slope + Mann–Kendall trend per pixel</source>
            <translation>逐像元 Sen 斜率 + Mann–Kendall 趋势分析</translation>
        </message>
        <message>
            <source>Trend of a yearly raster series at every pixel: the Theil–Sen slope, the Mann–Kendall test and a five-class trend map (significant or slight improvement, stable, slight or significant degradation).</source>
            <translation>逐像元计算逐年栅格序列的趋势：Theil–Sen 斜率、Mann–Kendall 检验以及五类趋势图（明显改善或轻微改善、稳定、轻微退化或明显退化）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Add the yearly rasters (e.g. RSEI 2000–2024, one grid) in time order, with the year in each file name or in YEARS. Typical: MIN_YEARS 4, significance level 0.05, the original Mann–Kendall test. You get the slope, Z, p and trend-class rasters (each optional) and the area of each trend class.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;按时间顺序添加逐年栅格（例如 2000–2024 年的 RSEI，同一格网），每个文件名中带年份或在 YEARS 中给出。常用：MIN_YEARS 4，显著性水平 0.05，原始 Mann–Kendall 检验。输出斜率、Z、p 和趋势类别栅格（均为可选）以及各趋势类别的面积。</translation>
        </message>
        <message>
            <source>Trend of a yearly raster series (e.g. RSEI 2000–2024) at every pixel: the Theil–Sen median slope (eq. 15) and the Mann–Kendall test (eq. 16–19), as in section 3.3 and Figure 10 of Han et al. (2025), with a five-class trend map and the area of each class.</source>
            <translation>按 Han 等（2025）第 3.3 节和图 10 的做法，逐像元计算逐年栅格序列（例如 2000–2024 年的 RSEI）的趋势：Theil–Sen 中值斜率（式 15）和 Mann–Kendall 检验（式 16–19），并给出五类趋势图及各类面积。</translation>
        </message>
        <message>
            <source>Conventions at each pixel</source>
            <translation>逐像元的约定</translation>
        </message>
        <message>
            <source>Missing values (NoData) are dropped; the remaining n values keep their real years.</source>
            <translation>缺失值（NoData）被剔除；其余 n 个值保留其真实年份。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Sen slope&lt;/b&gt; = median of (x&lt;sub&gt;j&lt;/sub&gt; − x&lt;sub&gt;i&lt;/sub&gt;)/(t&lt;sub&gt;j&lt;/sub&gt; − t&lt;sub&gt;i&lt;/sub&gt;) over all pairs i &amp;lt; j of valid values, with t the year: a missing year is a gap, not a shift. The slope is per year (per unit of YEARS).</source>
            <translation>&lt;b&gt;Sen 斜率&lt;/b&gt; = 所有有效值对 i &amp;lt; j 上 (x&lt;sub&gt;j&lt;/sub&gt; − x&lt;sub&gt;i&lt;/sub&gt;)/(t&lt;sub&gt;j&lt;/sub&gt; − t&lt;sub&gt;i&lt;/sub&gt;) 的中值，t 为年份：缺失的年份是间隔，而不是平移。斜率以每年（YEARS 的每单位）计。</translation>
        </message>
        <message>
            <source>&lt;b&gt;S&lt;/b&gt; = Σ sign(x&lt;sub&gt;j&lt;/sub&gt; − x&lt;sub&gt;i&lt;/sub&gt;) over the valid pairs (eq. 16–17); &lt;b&gt;Var(S)&lt;/b&gt; = [n(n−1)(2n+5) − Σ t&lt;sub&gt;p&lt;/sub&gt;(t&lt;sub&gt;p&lt;/sub&gt;−1)(2t&lt;sub&gt;p&lt;/sub&gt;+5)]/18 with t&lt;sub&gt;p&lt;/sub&gt; the size of each group of exactly equal values (eq. 18); &lt;b&gt;Z&lt;/b&gt; = (S−1)/√Var(S) for S &amp;gt; 0, 0 for S = 0, (S+1)/√Var(S) for S &amp;lt; 0 (eq. 19); two-sided &lt;b&gt;p&lt;/b&gt; = 2·(1 − Φ(|Z|)) from the standard normal distribution; &lt;b&gt;Tau&lt;/b&gt; = S/(n(n−1)/2).</source>
            <translation>&lt;b&gt;S&lt;/b&gt; = 有效值对上 sign(x&lt;sub&gt;j&lt;/sub&gt; − x&lt;sub&gt;i&lt;/sub&gt;) 之和（式 16–17）；&lt;b&gt;Var(S)&lt;/b&gt; = [n(n−1)(2n+5) − Σ t&lt;sub&gt;p&lt;/sub&gt;(t&lt;sub&gt;p&lt;/sub&gt;−1)(2t&lt;sub&gt;p&lt;/sub&gt;+5)]/18，t&lt;sub&gt;p&lt;/sub&gt; 为每组完全相等值的个数（式 18）；&lt;b&gt;Z&lt;/b&gt; = (S−1)/√Var(S)（S &amp;gt; 0），0（S = 0），(S+1)/√Var(S)（S &amp;lt; 0）（式 19）；双侧 &lt;b&gt;p&lt;/b&gt; = 2·(1 − Φ(|Z|))，由标准正态分布得到；&lt;b&gt;Tau&lt;/b&gt; = S/(n(n−1)/2)。</translation>
        </message>
        <message>
            <source>A constant series gives slope 0, S 0, Z 0 and p 1.</source>
            <translation>常数序列得到斜率 0、S 0、Z 0、p 1。</translation>
        </message>
        <message>
            <source>Fewer than MIN_YEARS valid values gives NoData in every output except OUTPUT_N.</source>
            <translation>有效值少于 MIN_YEARS 时，除 OUTPUT_N 外所有输出均为 NoData。</translation>
        </message>
        <message>
            <source>Trend classes (OUTPUT_TREND)</source>
            <translation>趋势类别（OUTPUT_TREND）</translation>
        </message>
        <message>
            <source>With the slope β, the threshold STABLE_SLOPE (T) and the significance level ALPHA (α):</source>
            <translation>设斜率为 β、阈值 STABLE_SLOPE 为 T、显著性水平 ALPHA 为 α：</translation>
        </message>
        <message>
            <source>significant improvement: β &amp;gt; T and p &amp;lt; α</source>
            <translation>明显改善：β &amp;gt; T 且 p &amp;lt; α</translation>
        </message>
        <message>
            <source>slight improvement: β &amp;gt; T and p ≥ α</source>
            <translation>轻微改善：β &amp;gt; T 且 p ≥ α</translation>
        </message>
        <message>
            <source>stable: |β| ≤ T</source>
            <translation>稳定：|β| ≤ T</translation>
        </message>
        <message>
            <source>slight degradation: β &amp;lt; −T and p ≥ α</source>
            <translation>轻微退化：β &amp;lt; −T 且 p ≥ α</translation>
        </message>
        <message>
            <source>significant degradation: β &amp;lt; −T and p &amp;lt; α</source>
            <translation>明显退化：β &amp;lt; −T 且 p &amp;lt; α</translation>
        </message>
        <message>
            <source>The direction comes from the Sen slope, the significance from the test. p &amp;lt; α is the same as |Z| &amp;gt; z&lt;sub&gt;1−α/2&lt;/sub&gt; (1.645, 1.960, 2.576 for α = 0.10, 0.05, 0.01; the paper uses 0.05). OUTPUT_TABLE gives pixels, area (km², exact per row in a geographic CRS) and percent of each class.</source>
            <translation>方向由 Sen 斜率决定，显著性由检验决定。p &amp;lt; α 等价于 |Z| &amp;gt; z&lt;sub&gt;1−α/2&lt;/sub&gt;（α = 0.10、0.05、0.01 时为 1.645、1.960、2.576；论文采用 0.05）。OUTPUT_TABLE 给出每个类别的像元数、面积（km²，地理坐标系下逐行精确计算）和百分比。</translation>
        </message>
        <message>
            <source>Significance over the whole map (SIGNIFICANCE, beyond the paper)</source>
            <translation>全图显著性（SIGNIFICANCE，超出论文的内容）</translation>
        </message>
        <message>
            <source>A map tests one trend per pixel. With the paper's per-pixel test at α = 0.05, about 5 % of the pixels of a map with no trend at all are 'significant' by chance, so classes 1 and 5 overstate what the data show. &lt;b&gt;False discovery rate&lt;/b&gt; (option 1) applies the Benjamini–Hochberg procedure (1995) to the p values of all pixels that have one (m pixels): with p sorted, p&lt;sub&gt;(1)&lt;/sub&gt; ≤ … ≤ p&lt;sub&gt;(m)&lt;/sub&gt;, the pixels p&lt;sub&gt;(1)&lt;/sub&gt; … p&lt;sub&gt;(k)&lt;/sub&gt; are significant, k the largest j with p&lt;sub&gt;(j)&lt;/sub&gt; ≤ α·j/m. On average at most a fraction α of the pixels called significant are false discoveries (for independent or positively dependent tests), instead of a fraction α of all trend-free pixels. Only classes 1 and 5 change (to 2 and 4); the direction of every pixel stays that of its Sen slope. The decision is exact, on rasters of any size (several passes over the p values). Wilks (2016) recommends α&lt;sub&gt;FDR&lt;/sub&gt; = 2α for fields of spatially correlated tests, i.e. ALPHA = 0.10 for a 5 % per-test level; the choice of ALPHA is yours. The log, the JSON sidecars and OUTPUT_TABLE give the number of significant pixels per pixel and under the FDR.</source>
            <translation>一幅图对每个像元检验一次趋势。按论文在 α = 0.05 下逐像元检验时，完全无趋势的图中约有 5 % 的像元因偶然而“显著”，因此第 1 和第 5 类夸大了数据所显示的内容。&lt;b&gt;错误发现率&lt;/b&gt;（选项 1）对所有具有 p 值的像元（m 个）应用 Benjamini–Hochberg 程序（1995）：将 p 排序为 p&lt;sub&gt;(1)&lt;/sub&gt; ≤ … ≤ p&lt;sub&gt;(m)&lt;/sub&gt;，则像元 p&lt;sub&gt;(1)&lt;/sub&gt; … p&lt;sub&gt;(k)&lt;/sub&gt; 为显著，k 为满足 p&lt;sub&gt;(j)&lt;/sub&gt; ≤ α·j/m 的最大 j。被判为显著的像元中平均至多有比例 α 是错误发现（对独立或正相关的检验），而不是所有无趋势像元中的比例 α。只有第 1 和第 5 类改变（变为第 2 和第 4 类）；每个像元的方向仍由其 Sen 斜率决定。判定是精确的，适用于任意大小的栅格（对 p 值多次扫描）。Wilks（2016）建议对空间相关检验的场取 α&lt;sub&gt;FDR&lt;/sub&gt; = 2α，即单次检验水平为 5 % 时 ALPHA = 0.10；ALPHA 由用户选择。日志、JSON 附属文件和 OUTPUT_TABLE 给出逐像元检验下和 FDR 下的显著像元数。</translation>
        </message>
        <message>
            <source>&lt;b&gt;OUTPUT_Q&lt;/b&gt; is the BH-adjusted p (q) of each pixel, q&lt;sub&gt;(i)&lt;/sub&gt; = min(1, min&lt;sub&gt;j≥i&lt;/sub&gt; p&lt;sub&gt;(j)&lt;/sub&gt;·m/j) (ties share the q of their highest rank), as statsmodels' multipletests(method='fdr_bh'): a pixel is significant under the FDR at level α exactly when q ≤ α, so one q map serves every α. Float32, to within 2&lt;sup&gt;−20&lt;/sup&gt; relative (about 8 float32 units in the last place; the bound reached is in the sidecar). It can be written with either SIGNIFICANCE.</source>
            <translation>&lt;b&gt;OUTPUT_Q&lt;/b&gt; 为每个像元经 BH 校正的 p（q），q&lt;sub&gt;(i)&lt;/sub&gt; = min(1, min&lt;sub&gt;j≥i&lt;/sub&gt; p&lt;sub&gt;(j)&lt;/sub&gt;·m/j)（并列值共享其最高秩的 q），与 statsmodels 的 multipletests(method='fdr_bh') 相同：在 α 水平的 FDR 下，像元恰在 q ≤ α 时显著，因此一幅 q 图适用于任意 α。Float32，相对误差在 2&lt;sup&gt;−20&lt;/sup&gt; 以内（约为 float32 末位的 8 个单位；实际达到的界限记录在附属文件中）。两种 SIGNIFICANCE 下均可输出。</translation>
        </message>
        <message>
            <source>Confidence interval of the Sen slope (OUTPUT_SLOPE_LOW / OUTPUT_SLOPE_HIGH)</source>
            <translation>Sen 斜率的置信区间（OUTPUT_SLOPE_LOW / OUTPUT_SLOPE_HIGH）</translation>
        </message>
        <message>
            <source>The distribution-free interval of Sen (1968), Gilbert (1987, section 16.5), at confidence 1 − α: with the N′ pair slopes of the pixel sorted, C&lt;sub&gt;α&lt;/sub&gt; = z&lt;sub&gt;1−α/2&lt;/sub&gt;·√Var(S) (Var(S) of the original series with the tie correction, whatever the METHOD), M&lt;sub&gt;1&lt;/sub&gt; = (N′ − C&lt;sub&gt;α&lt;/sub&gt;)/2 and M&lt;sub&gt;2&lt;/sub&gt; = (N′ + C&lt;sub&gt;α&lt;/sub&gt;)/2; the limits are the M&lt;sub&gt;1&lt;/sub&gt;-th and (M&lt;sub&gt;2&lt;/sub&gt;+1)-th smallest pair slopes, M rounded to the nearest integer (halves to even) as scipy.stats.theilslopes does. Two areas whose intervals do not overlap recover (or degrade) at different rates; an interval that contains 0 is the counterpart of a non-significant test.</source>
            <translation>Sen（1968）、Gilbert（1987，第 16.5 节）的非参数区间，置信度 1 − α：将像元的 N′ 个两两斜率排序，C&lt;sub&gt;α&lt;/sub&gt; = z&lt;sub&gt;1−α/2&lt;/sub&gt;·√Var(S)（原始序列含结校正的 Var(S)，与 METHOD 无关），M&lt;sub&gt;1&lt;/sub&gt; = (N′ − C&lt;sub&gt;α&lt;/sub&gt;)/2，M&lt;sub&gt;2&lt;/sub&gt; = (N′ + C&lt;sub&gt;α&lt;/sub&gt;)/2；上下限为第 M&lt;sub&gt;1&lt;/sub&gt; 小和第 (M&lt;sub&gt;2&lt;/sub&gt;+1) 小的两两斜率，M 四舍五入到最近的整数（恰为一半时取偶数），与 scipy.stats.theilslopes 相同。区间不重叠的两个区域以不同速率恢复（或退化）；包含 0 的区间对应不显著的检验。</translation>
        </message>
        <message>
            <source>Autocorrelated series (METHOD, beyond the paper)</source>
            <translation>自相关序列（METHOD，超出论文的内容）</translation>
        </message>
        <message>
            <source>&lt;b&gt;Hamed–Rao&lt;/b&gt;: Var(S) × n/n* with n/n* = 1 + 2/(n(n−1)(n−2)) Σ (n−i)(n−i−1)(n−i−2) ρ&lt;sub&gt;i&lt;/sub&gt;, ρ&lt;sub&gt;i&lt;/sub&gt; the lag-i autocorrelation of the ranks of x − β·t, over the lags whose |ρ&lt;sub&gt;i&lt;/sub&gt;| exceeds z&lt;sub&gt;1−α/2&lt;/sub&gt;/√n (all lags 1…n−1 are examined). If the corrected variance is not positive, Z and p are NoData.</source>
            <translation>&lt;b&gt;Hamed–Rao&lt;/b&gt;：Var(S) × n/n*，n/n* = 1 + 2/(n(n−1)(n−2)) Σ (n−i)(n−i−1)(n−i−2) ρ&lt;sub&gt;i&lt;/sub&gt;，ρ&lt;sub&gt;i&lt;/sub&gt; 为 x − β·t 的秩的 i 阶滞后自相关，只取 |ρ&lt;sub&gt;i&lt;/sub&gt;| 超过 z&lt;sub&gt;1−α/2&lt;/sub&gt;/√n 的滞后（检查所有滞后 1…n−1）。若校正后的方差不为正，Z 与 p 为 NoData。</translation>
        </message>
        <message>
            <source>&lt;b&gt;PW&lt;/b&gt; (Yue &amp;amp; Wang 2002 pre-whitening): S, Var(S), Z, p, Tau from the n−1 values x&lt;sub&gt;k+1&lt;/sub&gt; − r&lt;sub&gt;1&lt;/sub&gt;·x&lt;sub&gt;k&lt;/sub&gt;, r&lt;sub&gt;1&lt;/sub&gt; the lag-1 autocorrelation of x.</source>
            <translation>&lt;b&gt;PW&lt;/b&gt;（Yue &amp;amp; Wang 2002 预白化）：S、Var(S)、Z、p、Tau 由 n−1 个值 x&lt;sub&gt;k+1&lt;/sub&gt; − r&lt;sub&gt;1&lt;/sub&gt;·x&lt;sub&gt;k&lt;/sub&gt; 计算，r&lt;sub&gt;1&lt;/sub&gt; 为 x 的 1 阶滞后自相关。</translation>
        </message>
        <message>
            <source>&lt;b&gt;TFPW&lt;/b&gt; (trend-free pre-whitening, Yue et al. 2002): r&lt;sub&gt;1&lt;/sub&gt; from x − β·t, whitened, then the trend β·t is added back before the test.</source>
            <translation>&lt;b&gt;TFPW&lt;/b&gt;（去趋势预白化，Yue 等 2002）：r&lt;sub&gt;1&lt;/sub&gt; 由 x − β·t 计算，预白化后再加回趋势 β·t，然后检验。</translation>
        </message>
        <message>
            <source>These follow pyMannKendall 1.4 (hamed_rao_modification_test, pre_whitening_modification_test, trend_free_pre_whitening_modification_test); lags count the valid values in time order. The Sen slope is always that of the original series.</source>
            <translation>以上与 pyMannKendall 1.4 一致（hamed_rao_modification_test、pre_whitening_modification_test、trend_free_pre_whitening_modification_test）；滞后按时间顺序对有效值计数。Sen 斜率始终为原始序列的斜率。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Years.&lt;/b&gt; YEARS gives one number per input, in the order of the inputs. Empty: the four-digit year (1800–2199) in each file name when every name has exactly one, else 1, 2, … n. Inputs are used sorted by year.</source>
            <translation>&lt;b&gt;年份。&lt;/b&gt;YEARS 为每个输入给出一个数，按输入顺序。留空：当每个文件名中恰有一个四位年份（1800–2199）时取该年份，否则为 1, 2, … n。输入按年份排序后使用。</translation>
        </message>
        <message>
            <source>Each pixel uses only its valid values (not NoData, not NaN). With fewer than MIN_YEARS of them the slope, Z, p, S, Tau and the trend class are NoData (class 0); OUTPUT_N counts the valid years and is NoData (0) only where no year is valid. NoData pixels are not counted in the area table.</source>
            <translation>每个像元只使用其有效值（非 NoData、非 NaN）。有效值少于 MIN_YEARS 时，斜率、Z、p、S、Tau 和趋势类别为 NoData（类别 0）；OUTPUT_N 统计有效年数，只在没有任何有效年份处为 NoData（0）。NoData 像元不计入面积表。</translation>
        </message>
        <message>
            <source>Any vector layer or geometry-less table (CSV, GeoPackage) with one row per time.</source>
            <translation>任意矢量图层或无几何的表（CSV、GeoPackage），每个时间一行。</translation>
        </message>
        <message>
            <source>Table of yearly values</source>
            <translation>逐年数值表</translation>
        </message>
        <message>
            <source>Field holding the time of each row (e.g. the year); numbers, or text that holds numbers.</source>
            <translation>保存每行时间的字段（例如年份）；数值，或内容为数字的文本。</translation>
        </message>
        <message>
            <source>Time field (year)</source>
            <translation>时间字段（年份）</translation>
        </message>
        <message>
            <source>Field holding the value (e.g. the mean RSEI); numbers, or text that holds numbers.</source>
            <translation>保存数值的字段（例如 RSEI 均值）；数值，或内容为数字的文本。</translation>
        </message>
        <message>
            <source>Value field</source>
            <translation>数值字段</translation>
        </message>
        <message>
            <source>Segment 1 uses the times ≤ this value, segment 2 those after it (the paper: 2012). Empty: the time that minimises the two segments' summed squared error.</source>
            <translation>第 1 段使用 ≤ 此值的时间，第 2 段使用其后的时间（论文：2012）。留空：取使两段误差平方和最小的时间。</translation>
        </message>
        <message>
            <source>Break year (empty: best single break)</source>
            <translation>断点年份（留空：最佳单一断点）</translation>
        </message>
        <message>
            <source>Confidence level of SEN_SLOPE_LOW / SEN_SLOPE_HIGH: 90 %, 95 % (default) or 99 %.</source>
            <translation>SEN_SLOPE_LOW / SEN_SLOPE_HIGH 的置信水平：90 %、95 %（默认）或 99 %。</translation>
        </message>
        <message>
            <source>Confidence of the Sen-slope interval (1 − α)</source>
            <translation>Sen 斜率区间的置信度（1 − α）</translation>
        </message>
        <message>
            <source>90% (α = 0.10)</source>
            <translation>90%（α = 0.10）</translation>
        </message>
        <message>
            <source>95% (α = 0.05)</source>
            <translation>95%（α = 0.05）</translation>
        </message>
        <message>
            <source>99% (α = 0.01)</source>
            <translation>99%（α = 0.01）</translation>
        </message>
        <message>
            <source>HTML report: the series, the quadratic with its 95% confidence band, the two segments and the Sen line (Figures 7–8 of the paper), and a table of the statistics.</source>
            <translation>HTML 报告：序列、带 95% 置信带的二次曲线、两段直线和 Sen 直线（论文图 7–8），以及统计量表。</translation>
        </message>
        <message>
            <source>Sen slope (per time unit)</source>
            <translation>Sen 斜率（每时间单位）</translation>
        </message>
        <message>
            <source>Sen intercept (value at time 0)</source>
            <translation>Sen 截距（时间为 0 处的值）</translation>
        </message>
        <message>
            <source>R² of the least-squares quadratic</source>
            <translation>最小二乘二次曲线的 R²</translation>
        </message>
        <message>
            <source>Time where the quadratic's slope is zero</source>
            <translation>二次曲线斜率为零的时间</translation>
        </message>
        <message>
            <source>Break used for the two segments</source>
            <translation>两段拟合所用的断点</translation>
        </message>
        <message>
            <source>Least-squares slope, times ≤ break</source>
            <translation>最小二乘斜率，时间 ≤ 断点</translation>
        </message>
        <message>
            <source>Pearson r, times ≤ break</source>
            <translation>Pearson r，时间 ≤ 断点</translation>
        </message>
        <message>
            <source>Least-squares slope, times &gt; break</source>
            <translation>最小二乘斜率，时间 &gt; 断点</translation>
        </message>
        <message>
            <source>Pearson r, times &gt; break</source>
            <translation>Pearson r，时间 &gt; 断点</translation>
        </message>
        <message>
            <source>Trend of a yearly series (Sen, Mann–Kendall, quadratic, two segments)</source>
            <translation>逐年序列的趋势（Sen、Mann–Kendall、二次曲线、两段线性）</translation>
        </message>
        <message>
            <source>Trend of one series of yearly values (e.g. the mean RSEI of each year): Theil–Sen slope with the Mann–Kendall test, a quadratic fit and two line segments either side of a break year.</source>
            <translation>一条逐年数值序列（例如每年的 RSEI 均值）的趋势：Theil–Sen 斜率与 Mann–Kendall 检验、二次曲线拟合，以及断点年份两侧的两段直线。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give a table with a year field and a value field (e.g. OUTPUT_TABLE of rsei:rseiseries). Leave BREAK_YEAR empty to find the best single break. The numbers are written to the log and returned as outputs; OUTPUT_HTML draws the series and the fitted lines.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入带年份字段和数值字段的表（例如 rsei:rseiseries 的 OUTPUT_TABLE）。BREAK_YEAR 留空可寻找最佳单一断点。结果写入日志并作为输出返回；OUTPUT_HTML 绘制序列和拟合线。</translation>
        </message>
        <message>
            <source>Analyses one series of yearly values — e.g. the mean RSEI of each year (Table 5 of Han et al. 2025) — the way section 4.2 and Figures 7–8 of the paper do: a Theil–Sen slope with the Mann–Kendall test, a least-squares quadratic (the U-shaped trajectory, its R² and turning point) and two least-squares line segments either side of a break year.</source>
            <translation>按论文第 4.2 节和图 7–8 的做法分析一条逐年数值序列——例如每年的 RSEI 均值（Han 等 2025 表 5）：Theil–Sen 斜率与 Mann–Kendall 检验、最小二乘二次曲线（U 形轨迹、其 R² 与转折点），以及断点年份两侧的两段最小二乘直线。</translation>
        </message>
        <message>
            <source>&lt;b&gt;SEN_SLOPE&lt;/b&gt;: median of (x&lt;sub&gt;j&lt;/sub&gt; − x&lt;sub&gt;i&lt;/sub&gt;)/(t&lt;sub&gt;j&lt;/sub&gt; − t&lt;sub&gt;i&lt;/sub&gt;) over all pairs (eq. 15 with real times); &lt;b&gt;SEN_INTERCEPT&lt;/b&gt; = median(x) − slope·median(t) (Conover), i.e. the line x = intercept + slope·t at t = 0.</source>
            <translation>&lt;b&gt;SEN_SLOPE&lt;/b&gt;：所有值对上 (x&lt;sub&gt;j&lt;/sub&gt; − x&lt;sub&gt;i&lt;/sub&gt;)/(t&lt;sub&gt;j&lt;/sub&gt; − t&lt;sub&gt;i&lt;/sub&gt;) 的中值（以真实时间计算式 15）；&lt;b&gt;SEN_INTERCEPT&lt;/b&gt; = median(x) − slope·median(t)（Conover），即直线 x = intercept + slope·t 在 t = 0 处的值。</translation>
        </message>
        <message>
            <source>&lt;b&gt;SEN_SLOPE_LOW, SEN_SLOPE_HIGH&lt;/b&gt;: the distribution-free 1 − α confidence interval of the Sen slope (Sen 1968; Gilbert 1987, section 16.5): with the N′ pair slopes sorted, C&lt;sub&gt;α&lt;/sub&gt; = z&lt;sub&gt;1−α/2&lt;/sub&gt;·√Var(S) (Var(S) with the tie correction), M&lt;sub&gt;1&lt;/sub&gt; = (N′ − C&lt;sub&gt;α&lt;/sub&gt;)/2, M&lt;sub&gt;2&lt;/sub&gt; = (N′ + C&lt;sub&gt;α&lt;/sub&gt;)/2; the limits are the M&lt;sub&gt;1&lt;/sub&gt;-th and (M&lt;sub&gt;2&lt;/sub&gt;+1)-th smallest pair slopes (M rounded to the nearest integer, halves to even, as scipy.stats.theilslopes). An interval that excludes 0 is a trend at that confidence; two series whose intervals do not overlap change at different rates.</source>
            <translation>&lt;b&gt;SEN_SLOPE_LOW、SEN_SLOPE_HIGH&lt;/b&gt;：Sen 斜率的非参数 1 − α 置信区间（Sen 1968；Gilbert 1987，第 16.5 节）：将 N′ 个两两斜率排序，C&lt;sub&gt;α&lt;/sub&gt; = z&lt;sub&gt;1−α/2&lt;/sub&gt;·√Var(S)（含结校正的 Var(S)），M&lt;sub&gt;1&lt;/sub&gt; = (N′ − C&lt;sub&gt;α&lt;/sub&gt;)/2，M&lt;sub&gt;2&lt;/sub&gt; = (N′ + C&lt;sub&gt;α&lt;/sub&gt;)/2；上下限为第 M&lt;sub&gt;1&lt;/sub&gt; 小和第 (M&lt;sub&gt;2&lt;/sub&gt;+1) 小的两两斜率（M 四舍五入到最近的整数，恰为一半时取偶数，与 scipy.stats.theilslopes 相同）。不包含 0 的区间表示在该置信度下存在趋势；区间不重叠的两条序列变化速率不同。</translation>
        </message>
        <message>
            <source>&lt;b&gt;MK_S, MK_Z, MK_P&lt;/b&gt;: Mann–Kendall S (eq. 16–17), Z with the tie-corrected variance and the continuity correction (eq. 18–19), two-sided p from the normal distribution.</source>
            <translation>&lt;b&gt;MK_S、MK_Z、MK_P&lt;/b&gt;：Mann–Kendall S（式 16–17）、采用结校正方差和连续性校正的 Z（式 18–19），以及由正态分布得到的双侧 p。</translation>
        </message>
        <message>
            <source>&lt;b&gt;QUAD_R2&lt;/b&gt;: R² = 1 − SSE/SST of x = c₀ + c₁t + c₂t² by least squares; &lt;b&gt;QUAD_VERTEX&lt;/b&gt; = −c₁/(2c₂), the time where the fitted slope is zero. The paper reports 2012.3; on its own Table 5 this fit gives 2009.54 (numpy.polyfit agrees, and moving every value within its rounding, ±0.0005, shifts it by less than 0.3 years), so the paper's figure cannot come from the published yearly means — the paper does not say how it was obtained (perhaps from unrounded or differently masked values). The paper's break at 2012 is reproduced with BREAK_YEAR = 2012.</source>
            <translation>&lt;b&gt;QUAD_R2&lt;/b&gt;：以最小二乘拟合 x = c₀ + c₁t + c₂t² 的 R² = 1 − SSE/SST；&lt;b&gt;QUAD_VERTEX&lt;/b&gt; = −c₁/(2c₂)，即拟合斜率为零的时间。论文给出 2012.3；在论文自己的表 5 上此拟合得到 2009.54（numpy.polyfit 结果一致，且在舍入范围 ±0.0005 内改变每个值，其偏移不到 0.3 年），因此论文的数值不可能来自已发表的逐年均值——论文未说明其求法（也许来自未舍入或掩膜不同的值）。设 BREAK_YEAR = 2012 可复现论文在 2012 年的断点。</translation>
        </message>
        <message>
            <source>&lt;b&gt;BREAK_YEAR&lt;/b&gt;: as given, or (when empty) the observed time b that minimises the summed squared errors of two separate least-squares lines over t ≤ b and t &amp;gt; b, each with at least 3 values.</source>
            <translation>&lt;b&gt;BREAK_YEAR&lt;/b&gt;：按给定值，或（留空时）取使 t ≤ b 与 t &amp;gt; b 上两条独立最小二乘直线误差平方和最小的观测时间 b，每段至少 3 个值。</translation>
        </message>
        <message>
            <source>&lt;b&gt;SEG1_SLOPE, SEG1_R&lt;/b&gt;: least-squares slope and Pearson r over t ≤ break; &lt;b&gt;SEG2_SLOPE, SEG2_R&lt;/b&gt; over t &amp;gt; break (the paper: 2000–2012 and 2013–2024).</source>
            <translation>&lt;b&gt;SEG1_SLOPE、SEG1_R&lt;/b&gt;：t ≤ 断点上的最小二乘斜率与 Pearson r；&lt;b&gt;SEG2_SLOPE、SEG2_R&lt;/b&gt;：t &amp;gt; 断点上的（论文：2000–2012 和 2013–2024）。</translation>
        </message>
        <message>
            <source>OUTPUT_HTML shows the series with the quadratic and its 95% confidence band of the mean response (ŷ ± t&lt;sub&gt;0.975, n−3&lt;/sub&gt;·s·√(x₀ᵀ(XᵀX)⁻¹x₀), Student t), the two segment fits and the Sen line, with a table of every statistic. Times need not be consecutive; they are sorted.</source>
            <translation>OUTPUT_HTML 显示序列、二次曲线及其均值响应的 95% 置信带（ŷ ± t&lt;sub&gt;0.975, n−3&lt;/sub&gt;·s·√(x₀ᵀ(XᵀX)⁻¹x₀)，Student t）、两段拟合和 Sen 直线，并附所有统计量的表。时间不必连续；会先排序。</translation>
        </message>
        <message>
            <source>The input may be any vector layer or a table without geometry (CSV, GeoPackage); text fields that hold numbers (as in a CSV read without type detection) are accepted.</source>
            <translation>输入可以是任意矢量图层或无几何的表（CSV、GeoPackage）；也接受内容为数字的文本字段（例如未做类型检测读入的 CSV）。</translation>
        </message>
        <message>
            <source>Rows where the time or the value is NULL or empty are skipped. A value that is not a number is an error. At least 4 rows must remain (6 when the break is searched), and every time must appear once.</source>
            <translation>时间或数值为 NULL 或空的行被跳过。不是数字的值视为错误。至少须剩 4 行（搜索断点时为 6 行），且每个时间只能出现一次。</translation>
        </message>
        <message>
            <source>Polygon layer; one row per polygon and year in the output. Reprojected onto each raster's CRS.</source>
            <translation>多边形图层；输出中每个多边形每年一行。会重投影到每个栅格的坐标系。</translation>
        </message>
        <message>
            <source>Zones (e.g. mine polygons)</source>
            <translation>分区（例如矿区多边形）</translation>
        </message>
        <message>
            <source>Field that identifies each zone (e.g. mine_id); the first column of the output, named as the field.</source>
            <translation>标识每个分区的字段（例如 mine_id）；输出的第一列，以该字段命名。</translation>
        </message>
        <message>
            <source>Zone id field</source>
            <translation>分区 ID 字段</translation>
        </message>
        <message>
            <source>Rasters of one or more variables, one raster per variable and year (e.g. rsei_2019.tif, rsei_2020.tif, precip_2019.tif, precip_2020.tif); band 1 of each is used.</source>
            <translation>一个或多个变量的栅格，每个变量每年一个栅格（例如 rsei_2019.tif、rsei_2020.tif、precip_2019.tif、precip_2020.tif）；各取波段 1。</translation>
        </message>
        <message>
            <source>Yearly rasters</source>
            <translation>逐年栅格</translation>
        </message>
        <message>
            <source>The year of each yearly raster, in the order of INPUT, e.g. '2019, 2020, 2019, 2020'. Empty: the four-digit year in each file name.</source>
            <translation>每个逐年栅格的年份，按 INPUT 的顺序，例如 '2019, 2020, 2019, 2020'。留空：取每个文件名中的四位年份。</translation>
        </message>
        <message>
            <source>Years (one per yearly raster)</source>
            <translation>年份（每个逐年栅格一个）</translation>
        </message>
        <message>
            <source>The variable of each yearly raster, in the order of INPUT, e.g. 'rsei,rsei,precip,precip'; the column names are &lt;name&gt;_&lt;statistic&gt;. Empty: the layer name with its year removed.</source>
            <translation>每个逐年栅格的变量，按 INPUT 的顺序，例如 'rsei,rsei,precip,precip'；列名为 &lt;name&gt;_&lt;statistic&gt;。留空：去掉年份后的图层名。</translation>
        </message>
        <message>
            <source>Variable names (one per yearly raster)</source>
            <translation>变量名（每个逐年栅格一个）</translation>
        </message>
        <message>
            <source>Rasters without a year (elevation, slope, aspect, land cover…), named by their layer names; their statistics repeat in every year's row.</source>
            <translation>没有年份的栅格（高程、坡度、坡向、土地覆被……），以图层名命名；其统计量在每年的行中重复。</translation>
        </message>
        <message>
            <source>Static rasters (no year)</source>
            <translation>静态栅格（无年份）</translation>
        </message>
        <message>
            <source>Comma-separated variable names (of NAMES or the static layer names) holding classes, e.g. 'landcover': they get &lt;name&gt;_majority (the most frequent class in the zone) instead of mean, median and standard deviation.</source>
            <translation>以逗号分隔、保存类别的变量名（来自 NAMES 或静态图层名），例如 'landcover'：它们得到 &lt;name&gt;_majority（分区内出现最多的类别），而不是均值、中位数和标准差。</translation>
        </message>
        <message>
            <source>Categorical variables (majority class)</source>
            <translation>类别型变量（众数类别）</translation>
        </message>
        <message>
            <source>0 mean (default), 1 median (exact), 2 standard deviation (population), 3 valid share (valid pixels / all the zone's pixels). One column per variable and statistic.</source>
            <translation>0 均值（默认），1 中位数（精确），2 标准差（总体），3 有效比例（有效像元 / 分区全部像元）。每个变量和统计量一列。</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>统计量</translation>
        </message>
        <message>
            <source>Mean</source>
            <translation>均值</translation>
        </message>
        <message>
            <source>Median (exact)</source>
            <translation>中位数（精确）</translation>
        </message>
        <message>
            <source>Standard deviation (population)</source>
            <translation>标准差（总体）</translation>
        </message>
        <message>
            <source>Valid share (0–1)</source>
            <translation>有效比例（0–1）</translation>
        </message>
        <message>
            <source>Attributes of the zones copied to every row, e.g. the coal production (a static factor of Table 11).</source>
            <translation>复制到每一行的分区属性，例如煤炭产量（表 11 的静态因子）。</translation>
        </message>
        <message>
            <source>Zone fields to copy</source>
            <translation>要复制的分区字段</translation>
        </message>
        <message>
            <source>Off (default): a pixel counts when its centre lies inside the polygon. On: every pixel the polygon touches counts (GDAL ALL_TOUCHED), for narrow zones.</source>
            <translation>关闭（默认）：像元中心位于多边形内才计入。开启：多边形接触到的每个像元都计入（GDAL ALL_TOUCHED），适用于狭窄的分区。</translation>
        </message>
        <message>
            <source>Count every pixel the polygon touches</source>
            <translation>计入多边形接触到的所有像元</translation>
        </message>
        <message>
            <source>Table without geometry: ZONE_FIELD, the copied fields, year, and &lt;name&gt;_&lt;statistic&gt; columns for every yearly and static variable; one row per zone and year.</source>
            <translation>无几何的表：ZONE_FIELD、复制的字段、年份，以及每个逐年和静态变量的 &lt;name&gt;_&lt;statistic&gt; 列；每个分区每年一行。</translation>
        </message>
        <message>
            <source>Statistics per zone and year</source>
            <translation>各分区逐年统计量</translation>
        </message>
        <message>
            <source>Zones outside at least one raster</source>
            <translation>至少在一个栅格之外的分区数</translation>
        </message>
        <message>
            <source>Zonal statistics per zone and year (per-mine tables)</source>
            <translation>分区逐年统计（按矿区的表）</translation>
        </message>
        <message>
            <source>Zonal statistics of yearly and static rasters per polygon and year: the per-zone tables (e.g. per mine) that rsei:geodetector starts from.</source>
            <translation>按多边形和年份对逐年栅格与静态栅格做分区统计：得到 rsei:geodetector 所用的分区表（例如按矿区）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;How to use.&lt;/b&gt; Give the zones (e.g. mine polygons) and their id field, the yearly rasters (RSEI, indicators, climate…) with their years and variable names, and optionally static rasters (elevation, slope, land cover). Typical: the mean, pixels counted by their centre. You get one row per zone and year with a column per variable and statistic.</source>
            <translation>&lt;b&gt;使用方法。&lt;/b&gt;输入分区（例如矿区多边形）及其 ID 字段、带年份和变量名的逐年栅格（RSEI、各指标、气候……），以及可选的静态栅格（高程、坡度、土地覆被）。常用：均值，按像元中心计入。输出每个分区每年一行，每个变量和统计量一列。</translation>
        </message>
        <message>
            <source>Makes the per-zone tables the paper's driver analysis starts from (Han et al. 2025, Tables 10–13): for every polygon of ZONES (e.g. the coal mines) and every year, the mean (and optionally median, standard deviation and valid share) of yearly rasters — RSEI, indicators, EG index, precipitation, temperature… — and of static rasters without a year — elevation, slope, aspect, land cover. The output has one row per zone and year with the columns ZONE_FIELD, the COPY_FIELDS, &lt;code&gt;year&lt;/code&gt; and &lt;code&gt;&amp;lt;name&amp;gt;_&amp;lt;statistic&amp;gt;&lt;/code&gt; for each variable, e.g. &lt;code&gt;rsei_mean&lt;/code&gt;, &lt;code&gt;precip_mean&lt;/code&gt;, &lt;code&gt;elevation_mean&lt;/code&gt;: exactly the table rsei:geodetector takes with YEAR_FIELD = year (Y_FIELD rsei_mean, X_FIELDS the other columns). Static columns repeat in every year's row; a variable without a raster for a year is NULL in that year's rows.</source>
            <translation>生成论文驱动因素分析所用的分区表（Han 等 2025，表 10–13）：对 ZONES 的每个多边形（例如各煤矿）和每一年，计算逐年栅格——RSEI、各指标、EG 指数、降水、气温……——以及无年份的静态栅格——高程、坡度、坡向、土地覆被——的均值（可选中位数、标准差和有效比例）。输出每个分区每年一行，列为 ZONE_FIELD、COPY_FIELDS、&lt;code&gt;year&lt;/code&gt;，以及每个变量的 &lt;code&gt;&amp;lt;name&amp;gt;_&amp;lt;statistic&amp;gt;&lt;/code&gt;，例如 &lt;code&gt;rsei_mean&lt;/code&gt;、&lt;code&gt;precip_mean&lt;/code&gt;、&lt;code&gt;elevation_mean&lt;/code&gt;：正是 rsei:geodetector 在 YEAR_FIELD = year（Y_FIELD 为 rsei_mean，X_FIELDS 为其他列）时所需的表。静态列在每年的行中重复；某年没有栅格的变量在该年的行中为 NULL。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Names and years.&lt;/b&gt; YEARS gives the year of each INPUT raster (empty: the four-digit year in each file name); NAMES the variable of each INPUT raster, e.g. &lt;code&gt;rsei,rsei,precip,precip&lt;/code&gt; (empty: the layer name with its year removed, so &lt;code&gt;rsei_2019&lt;/code&gt; and &lt;code&gt;rsei_2020&lt;/code&gt; are both &lt;code&gt;rsei&lt;/code&gt;). Each variable may have one raster per year. STATIC rasters are named by their layer names. CATEGORICAL lists the variables (e.g. &lt;code&gt;landcover&lt;/code&gt;) that get their majority class (the most frequent value among the zone's valid pixels; ties go to the lowest code) instead of mean, median and standard deviation.</source>
            <translation>&lt;b&gt;名称与年份。&lt;/b&gt;YEARS 给出每个 INPUT 栅格的年份（留空：取每个文件名中的四位年份）；NAMES 给出每个 INPUT 栅格的变量，例如 &lt;code&gt;rsei,rsei,precip,precip&lt;/code&gt;（留空：去掉年份后的图层名，因此 &lt;code&gt;rsei_2019&lt;/code&gt; 与 &lt;code&gt;rsei_2020&lt;/code&gt; 都是 &lt;code&gt;rsei&lt;/code&gt;）。每个变量每年可有一个栅格。STATIC 栅格以其图层名命名。CATEGORICAL 列出的变量（例如 &lt;code&gt;landcover&lt;/code&gt;）得到其众数类别（分区有效像元中出现最多的值；并列时取代码最小者），而不是均值、中位数和标准差。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Which pixels count.&lt;/b&gt; A pixel belongs to a zone when its &lt;i&gt;centre&lt;/i&gt; lies inside the polygon (GDAL's rasterisation rule); with ALL_TOUCHED every pixel the polygon touches counts, which suits zones only a few pixels wide. Overlapping zones each count the pixel. Each raster is read on its own grid (band 1), with the zones reprojected onto its CRS; so coarse climate rasters need no resampling first. The valid share is the number of the zone's pixels with a value divided by all its pixels on the raster's pixel lattice, including those beyond the raster's edge: a zone half outside the raster has a share of at most 0.5. Zones entirely outside a raster get NULL statistics for it and are named in a warning; ZONES_OUTSIDE counts them.</source>
            <translation>&lt;b&gt;哪些像元计入。&lt;/b&gt;像元&lt;i&gt;中心&lt;/i&gt;位于多边形内时属于该分区（GDAL 的栅格化规则）；启用 ALL_TOUCHED 时多边形接触到的每个像元都计入，适用于只有几个像元宽的分区。重叠的分区各自计入该像元。每个栅格在其自身格网上读取（波段 1），分区重投影到其坐标系；因此粗分辨率的气候栅格无需先重采样。有效比例为分区中有值的像元数除以栅格像元格网上该分区的全部像元数，包括栅格边缘以外的像元：一半在栅格之外的分区，其有效比例至多为 0.5。完全在某栅格之外的分区，其对该栅格的统计量为 NULL，并在警告中列出；ZONES_OUTSIDE 给出其数目。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Statistics.&lt;/b&gt; Mean; median, exact (numpy's median: the mean of the two middle values for an even count); standard deviation of the population (ddof 0, as QGIS's zonal statistics); valid share. The rasters are read block by block: each zone on the window of its bounding box, in row strips within the memory budget, its mask rasterised per strip; means and variances are merged strip by strip (Chan et al. 1979); for the exact median the zone's values are gathered (memory bounded by the zone, not the raster), and a zone of more than 16 million pixels gets it from three streaming passes over its window.</source>
            <translation>&lt;b&gt;统计量。&lt;/b&gt;均值；中位数，精确（numpy 的中位数：偶数个时取中间两个值的平均）；总体标准差（ddof 0，与 QGIS 的分区统计相同）；有效比例。栅格分块读取：每个分区在其外接矩形窗口上、按内存预算分条带读取，掩膜逐条带栅格化；均值与方差逐条带合并（Chan 等 1979）；精确中位数需收集分区的值（内存受分区大小而非栅格大小限制），超过 1600 万像元的分区则在其窗口上通过三次流式扫描求得。</translation>
        </message>
        <message>
            <source>Pixels that are NoData (or NaN) take no part in the statistics; a zone without any valid pixel has NULL statistics (and a valid share of 0). Features of ZONES without geometry are skipped with a warning.</source>
            <translation>NoData（或 NaN）像元不参与统计；没有任何有效像元的分区统计量为 NULL（有效比例为 0）。ZONES 中没有几何的要素被跳过，并给出警告。</translation>
        </message>
        <message>
            <source>Landsat C2 L2 scenes of the year (MTL files)</source>
            <translation>该年的 Landsat C2 L2 影像（MTL 文件）</translation>
        </message>
        <message>
            <source>The year's Landsat Collection 2 Level-2 scenes, each given by its MTL file (*_MTL.txt, .xml or .json); the band files and QA_PIXEL beside it are found from it.</source>
            <translation>该年的 Landsat Collection 2 Level-2 影像，每景以其 MTL 文件给出（*_MTL.txt、.xml 或 .json）；由此找到同一文件夹中的波段文件和 QA_PIXEL。</translation>
        </message>
        <message>
            <source>Months to composite</source>
            <translation>参与合成的月份</translation>
        </message>
        <message>
            <source>Months whose scenes enter the median composite, as a range such as 6-9 (June–September, the paper's growing season) or 1-12; other scenes are skipped with a note in the log.</source>
            <translation>其影像参与中值合成的月份，以范围给出，例如 6-9（6–9 月，论文的生长季）或 1-12；其他影像被跳过，并在日志中注明。</translation>
        </message>
        <message>
            <source>Leave out water pixels (MNDWI = (green − SWIR1)/(green + SWIR1) of the composite above WATER_THRESHOLD), whose high wetness and low LST would otherwise dominate the PCA.</source>
            <translation>剔除水体像元（合成影像的 MNDWI = (green − SWIR1)/(green + SWIR1) 高于 WATER_THRESHOLD），否则其高湿度和低 LST 会主导主成分分析。</translation>
        </message>
        <message>
            <source>With MASK_WATER: pixels with MNDWI above this value are water (Xu 2006 uses 0).</source>
            <translation>启用 MASK_WATER 时：MNDWI 高于此值的像元为水体（Xu 2006 采用 0）。</translation>
        </message>
        <message>
            <source>Grade areas (table)</source>
            <translation>等级面积（表）</translation>
        </message>
        <message>
            <source>One-year RSEI (composite → indicators → RSEI → grades)</source>
            <translation>单年 RSEI（合成 → 指标 → RSEI → 等级）</translation>
        </message>
        <message>
            <source>Landsat scenes of one year → median composite → NDVI, WET, NDBSI, LST → RSEI and grades.</source>
            <translation>一年的 Landsat 影像 → 中值合成 → NDVI、WET、NDBSI、LST → RSEI 与等级。</translation>
        </message>
        <message>
            <source>The paper's one-year chain as a graphical model: the Landsat Collection 2 Level-2 scenes of one year are masked with QA_PIXEL and composited to a per-pixel median of the clear observations in the chosen months (rsei:landsatcomposite); the four indicators NDVI, wetness, NDBSI and LST are computed from the composite (rsei:landsatindices); RSEI is the first principal component of the min–max normalised indicators, oriented so that higher means better ecology and rescaled to [0, 1] (rsei:rsei, Xu 2013; eq. 12–13 of Han et al. 2025); it is classed into five grades (1 worst [0, 0.2] … 5 excellent (0.8, 1]) with the area of each grade. With MASK_WATER, pixels whose MNDWI (computed from the composite) is above WATER_THRESHOLD are left out as water.</source>
            <translation>以图形模型实现论文的单年流程：一年的 Landsat Collection 2 Level-2 影像经 QA_PIXEL 掩膜，在所选月份内按晴空观测的逐像元中值合成（rsei:landsatcomposite）；由合成影像计算四个指标 NDVI、湿度、NDBSI 和 LST（rsei:landsatindices）；RSEI 为极差归一化指标的第一主成分，其方向使数值越高生态越好，并缩放到 [0, 1]（rsei:rsei，Xu 2013；Han 等 2025 式 12–13）；再划分为五个等级（1 差 [0, 0.2] … 5 优 (0.8, 1]），并统计各等级面积。启用 MASK_WATER 时，MNDWI（由合成影像计算）高于 WATER_THRESHOLD 的像元作为水体被排除。</translation>
        </message>
        <message>
            <source>Intermediate rasters (composite, indicators) are temporary; run the three algorithms one by one to keep them, or open resources/models/rsei_one_year.model3 of the plugin's folder in the Model Designer, change it and save it under your own name.</source>
            <translation>中间栅格（合成影像、指标）是临时的；若要保留，请逐个运行这三个算法，或在模型设计器中打开插件文件夹下的 resources/models/rsei_one_year.model3，修改后以自己的名称保存。</translation>
        </message>
        <message>
            <source>A pixel with no clear observation in the months is NoData in the composite; a pixel is used for the RSEI only where all four indicators are valid, and is NoData (grade 0) elsewhere.</source>
            <translation>在所选月份内没有晴空观测的像元在合成影像中为 NoData；只有四个指标均有效的像元才用于计算 RSEI，其余为 NoData（等级 0）。</translation>
        </message>
        <message>
            <source>RSEI in [0, 1] (float32, higher = better ecology).</source>
            <translation>RSEI，取值 [0, 1]（float32，越高生态越好）。</translation>
        </message>
        <message>
            <source>Ecological grade 1 worst … 5 excellent (0 = NoData), styled with five labelled colours.</source>
            <translation>生态等级 1 差 … 5 优（0 = NoData），以五种带标注的颜色设置样式。</translation>
        </message>
        <message>
            <source>Table: grade, pixel count, area (km²) and percent of the valid area.</source>
            <translation>表：等级、像元数、面积（km²）及占有效面积的百分比。</translation>
        </message>
        <message>
            <source>{name}: '{path}' is a folder; give a file name.</source>
            <translation>{name}：“{path}”是文件夹；请给出文件名。</translation>
        </message>
        <message>
            <source>{name}: the folder '{folder}' cannot be created: '{probe}' is a file.</source>
            <translation>{name}：无法创建文件夹“{folder}”：“{probe}”是一个文件。</translation>
        </message>
        <message>
            <source>{name}: '{path}' cannot be written: raster outputs are GeoTIFF files; give a name ending in .tif or .tiff.</source>
            <translation>{name}：无法写入“{path}”：栅格输出为 GeoTIFF 文件；请给出以 .tif 或 .tiff 结尾的名称。</translation>
        </message>
        <message>
            <source>{name}: '{path}' is a file, not a folder.</source>
            <translation>{name}：“{path}”是文件，不是文件夹。</translation>
        </message>
        <message>
            <source>{name}: the folder '{folder}' cannot be created in: permission denied.</source>
            <translation>{name}：无法在文件夹“{folder}”中创建：权限不足。</translation>
        </message>
        <message>
            <source>{name}: the folder '{folder}' cannot be written to: permission denied.</source>
            <translation>{name}：无法写入文件夹“{folder}”：权限不足。</translation>
        </message>
        <message>
            <source>{name}: '{file}' is given {where}; {what}.</source>
            <translation>{name}：“{file}”被给出 {where}；{what}。</translation>
        </message>
        <message>
            <source>{name}: '{path}' cannot be written: '{ext}' is not a table format{why}. Give a name ending in one of {examples}.</source>
            <translation>{name}：无法写入“{path}”：“{ext}”不是表格格式{why}。请给出以 {examples} 之一结尾的名称。</translation>
        </message>
        <message>
            <source>{name}: '{path}' cannot be written: give a name ending in {extensions}.</source>
            <translation>{name}：无法写入“{path}”：请给出以 {extensions} 结尾的名称。</translation>
        </message>
        <message>
            <source>CLASSES_MIN ({kmin}) must be at most CLASSES_MAX ({kmax}).</source>
            <translation>CLASSES_MIN（{kmin}）不得大于 CLASSES_MAX（{kmax}）。</translation>
        </message>
        <message>
            <source>RGD: CLASSES_MIN ({kmin}) must be at most CLASSES_MAX ({kmax}).</source>
            <translation>RGD：CLASSES_MIN（{kmin}）不得大于 CLASSES_MAX（{kmax}）。</translation>
        </message>
        <message>
            <source>{head}{name}: q = {q:.4f}{ci}, p = {p:.4g}, {strata} strata ({method})</source>
            <translation>{head}{name}：q = {q:.4f}{ci}，p = {p:.4g}，{strata} 层（{method}）</translation>
        </message>
        <message>
            <source>{head}LESH: q of all factors combined = {q:.4f} = {parts}</source>
            <translation>{head}LESH：所有因子组合的 q = {q:.4f} = {parts}</translation>
        </message>
        <message>
            <source>OUTPUT_LESH: {exc}</source>
            <translation>OUTPUT_LESH：{exc}</translation>
        </message>
        <message>
            <source>(95 % bootstrap interval {lo:.4f}–{hi:.4f})</source>
            <translation>（95 % 自助法区间 {lo:.4f}–{hi:.4f}）</translation>
        </message>
        <message>
            <source>{head}{name}: {singletons} stratum/strata with a single sample (within variance 0; counted in q and its p-value; not tested in the risk detector).</source>
            <translation>{head}{name}：{singletons} 个层只有一个样本（层内方差为 0；计入 q 及其 p 值；风险探测中不检验）。</translation>
        </message>
        <message>
            <source>{head}{name}: {strata} strata for {n} samples (more than half): q is inflated by so many small strata; use fewer classes.</source>
            <translation>{head}{name}：{n} 个样本分成 {strata} 层（超过一半）：这么多小层会使 q 虚高；请减少类别数。</translation>
        </message>
        <message>
            <source>Input '{name}': layer '{layer}' is not a file raster (GDAL); save it as GeoTIFF first.</source>
            <translation>输入“{name}”：图层“{layer}”不是文件栅格（GDAL）；请先将其保存为 GeoTIFF。</translation>
        </message>
        <message>
            <source>Input '{name}': the raster could not be loaded.</source>
            <translation>输入“{name}”：无法加载栅格。</translation>
        </message>
        <message>
            <source>Output '{name}': the table could not be created.</source>
            <translation>输出“{name}”：无法创建表。</translation>
        </message>
        <message>
            <source>{algorithm} failed unexpectedly ({error}). No output was written. The details are in the log; please report them at {tracker}.</source>
            <translation>{algorithm} 意外失败（{error}）。未写入任何输出。详细信息见日志；请在 {tracker} 报告。</translation>
        </message>
        <message>
            <source>equal</source>
            <translation>等分三段</translation>
        </message>
        <message>
            <source>terciles</source>
            <translation>三分位数</translation>
        </message>
        <message>
            <source>manual</source>
            <translation>手动断点</translation>
        </message>
        <message>
            <source>Breaks ({method}): RSEI {r1:.6g}, {r2:.6g}; EG {e1:.6g}, {e2:.6g}.</source>
            <translation>断点（{method}）：RSEI {r1:.6g}、{r2:.6g}；EG {e1:.6g}、{e2:.6g}。</translation>
        </message>
        <message>
            <source>{label}: {area:.4f} km² ({percent:.2f} %)</source>
            <translation>{label}：{area:.4f} km²（{percent:.2f} %）</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>OUTPUT_SERIES needs land-cover rasters in SERIES.</source>
            <translation>OUTPUT_SERIES 需要在 SERIES 中给出土地覆被栅格。</translation>
        </message>
        <message>
            <source>Input 'ZONES': the layer could not be loaded.</source>
            <translation>输入“ZONES”：无法加载图层。</translation>
        </message>
        <message>
            <source>Lookup: {preset}; grades {g_min:g}–{g_max:g}; {grades}</source>
            <translation>查找表：{preset}；等级 {g_min:g}–{g_max:g}；{grades}</translation>
        </message>
        <message>
            <source>EG index (normalised, higher = better): {eg_index:.4f}; mean grade (eq. 14): {mean_grade:.4f}; graded area {graded_area:.4f} km².</source>
            <translation>EG 指数（归一化，越高越好）：{eg_index:.4f}；平均等级（式 14）：{mean_grade:.4f}；已分级面积 {graded_area:.4f} km²。</translation>
        </message>
        <message>
            <source>Input 'ZONES': {skipped} feature(s) without geometry were skipped.</source>
            <translation>输入“ZONES”：跳过了 {skipped} 个没有几何的要素。</translation>
        </message>
        <message>
            <source>To read a CSV with field types, load it with 'Detect field types' checked (Layer ‣ Add Layer ‣ Add Delimited Text Layer), give it as INPUT='table.csv|option:AUTODETECT_TYPE=YES' on the command line (quoted for the shell), or put a .csvt file of the types beside it.</source>
            <translation>要按字段类型读取 CSV，请在勾选“检测字段类型”的情况下加载它（图层 ‣ 添加图层 ‣ 添加分隔文本图层），或在命令行中以 INPUT='table.csv|option:AUTODETECT_TYPE=YES' 给出（为 shell 加引号），或在其旁放置一个记录字段类型的 .csvt 文件。</translation>
        </message>
        <message>
            <source>{n_dropped} of {total} rows dropped ({detail}).</source>
            <translation>{total} 行中剔除了 {n_dropped} 行（{detail}）。</translation>
        </message>
        <message>
            <source>Only one factor: the interaction and ecological detectors need at least two factors, so their tables are empty.</source>
            <translation>只有一个因子：交互探测和生态探测至少需要两个因子，因此其表为空。</translation>
        </message>
        <message>
            <source>X_FIELDS: select at least one factor field.</source>
            <translation>X_FIELDS：请至少选择一个因子字段。</translation>
        </message>
        <message>
            <source>{count} for NULL/NaN in '{name}'</source>
            <translation>{count} 行因“{name}”为 NULL/NaN</translation>
        </message>
        <message>
            <source>X_FIELDS: the Y field '{y_name}' cannot also be a factor.</source>
            <translation>X_FIELDS：Y 字段“{y_name}”不能同时作为因子。</translation>
        </message>
        <message>
            <source>YEAR_FIELD: '{year_name}' cannot also be Y or a factor.</source>
            <translation>YEAR_FIELD：“{year_name}”不能同时作为 Y 或因子。</translation>
        </message>
        <message>
            <source>CATEGORICAL_FIELDS: '{name}' is not among the factor fields and is ignored.</source>
            <translation>CATEGORICAL_FIELDS：“{name}”不在因子字段中，已忽略。</translation>
        </message>
        <message>
            <source>Text field(s) {fields} hold only numbers and are used as numbers. {csv_types}</source>
            <translation>文本字段 {fields} 只含数字，按数值使用。{csv_types}</translation>
        </message>
        <message>
            <source>Only {n_ys} row(s) have Y and every factor present; at least two are needed.</source>
            <translation>只有 {n_ys} 行同时具有 Y 和所有因子；至少需要两行。</translation>
        </message>
        <message>
            <source>{what}: the field '{name}' does not exist in the input.</source>
            <translation>{what}：输入中不存在字段“{name}”。</translation>
        </message>
        <message>
            <source>Factor '{name}' is a text field: its values are used as strata.</source>
            <translation>因子“{name}”为文本字段：其值作为层使用。</translation>
        </message>
        <message>
            <source>Year {label}: only {size} row(s); at least two are needed.</source>
            <translation>{label} 年：只有 {size} 行；至少需要两行。</translation>
        </message>
        <message>
            <source>Y ('{y_name}') is constant in year {label}: q is undefined.</source>
            <translation>Y（“{y_name}”）在 {label} 年为常数：q 无定义。</translation>
        </message>
        <message>
            <source>Y ('{y_name}') is constant: q is undefined.</source>
            <translation>Y（“{y_name}”）为常数：q 无定义。</translation>
        </message>
        <message>
            <source>Y_FIELD: the value {value} of '{name}' is not a number.</source>
            <translation>Y_FIELD：“{name}”的值 {value} 不是数字。</translation>
        </message>
        <message>
            <source>Y_FIELD: the value {value} of '{name}' is not a number (the field is text, {type}); Y must be a number. {csv_types}</source>
            <translation>Y_FIELD：“{name}”的值 {value} 不是数字（该字段为文本，{type}）；Y 必须是数字。{csv_types}</translation>
        </message>
        <message>
            <source>FACTORS: give at least one factor raster.</source>
            <translation>FACTORS：请至少给出一个因子栅格。</translation>
        </message>
        <message>
            <source>CONFIDENCE: the bootstrap resamples a sample of pixels; with SAMPLE_SIZE 0 every pixel is used and q is the value of the whole raster. Set SAMPLE_SIZE &gt; 0 (e.g. 100000) to get q_low/q_high, or CONFIDENCE 0.</source>
            <translation>CONFIDENCE：自助法对像元样本重抽样；SAMPLE_SIZE 为 0 时使用所有像元，q 即整个栅格的值。请设置 SAMPLE_SIZE &gt; 0（例如 100000）以得到 q_low/q_high，或设置 CONFIDENCE 0。</translation>
        </message>
        <message>
            <source>Y: '{y_base}' is {kind}: a class raster. q then measures how well the factors separate these classes, not a continuous variable; the paper explains the continuous RSEI (rsei:rsei OUTPUT).</source>
            <translation>Y：“{y_base}”是{kind}：一个类别栅格。此时 q 度量的是各因子对这些类别的区分程度，而不是对连续变量的解释；论文解释的是连续的 RSEI（rsei:rsei 的 OUTPUT）。</translation>
        </message>
        <message>
            <source>{nodata} pixels dropped (NoData in Y or a factor, or outside the data).</source>
            <translation>剔除了 {nodata} 个像元（Y 或某因子为 NoData，或位于数据范围之外）。</translation>
        </message>
        <message>
            <source>CATEGORICAL_FACTORS: '{token}' is neither a position nor the name of a factor ({names}).</source>
            <translation>CATEGORICAL_FACTORS：“{token}”既不是位置，也不是因子名称（{names}）。</translation>
        </message>
        <message>
            <source>CATEGORICAL_FACTORS: position {token} is not between 1 and {n_names}.</source>
            <translation>CATEGORICAL_FACTORS：位置 {token} 不在 1 到 {n_names} 之间。</translation>
        </message>
        <message>
            <source>{exc} A categorical factor needs class codes (e.g. land cover): choose a discretisation METHOD for it, or leave it out of CATEGORICAL_FACTORS.</source>
            <translation>{exc} 类别型因子需要类别代码（例如土地覆被）：请为其选择一种离散化 METHOD，或将其从 CATEGORICAL_FACTORS 中移除。</translation>
        </message>
        <message>
            <source>Y: '{y_base}' holds only {n_codes} distinct integer values ({codes}): it looks like a class raster, not a continuous variable such as the RSEI; q then measures how well the factors separate these classes.</source>
            <translation>Y：“{y_base}”只有 {n_codes} 个不同的整数值（{codes}）：它看起来是类别栅格，而不是 RSEI 这样的连续变量；此时 q 度量的是各因子对这些类别的区分程度。</translation>
        </message>
        <message>
            <source>No pixel has a valid grade in both rasters; they do not overlap.</source>
            <translation>没有任何像元在两个栅格中均具有有效等级；两者不重叠。</translation>
        </message>
        <message>
            <source>Improved {improved:.4f} km², unchanged {unchanged:.4f} km², degraded {degraded:.4f} km².</source>
            <translation>改善 {improved:.4f} km²，不变 {unchanged:.4f} km²，退化 {degraded:.4f} km²。</translation>
        </message>
        <message>
            <source>Input 'SCENES': give at least one MTL file.</source>
            <translation>输入“SCENES”：请至少给出一个 MTL 文件。</translation>
        </message>
        <message>
            <source>{n} scene(s) in months {months}: {scenes}</source>
            <translation>月份 {months} 内有 {n} 景影像：{scenes}</translation>
        </message>
        <message>
            <source>Input 'CLIP': the polygon layer could not be loaded.</source>
            <translation>输入“CLIP”：无法加载多边形图层。</translation>
        </message>
        <message>
            <source>Input 'CLIP': the layer has no polygon.</source>
            <translation>输入“CLIP”：该图层没有多边形。</translation>
        </message>
        <message>
            <source>Target grid: {width}×{height} pixels of {size:g} ({crs}).</source>
            <translation>目标格网：{width}×{height} 个像元，像元大小 {size:g}（{crs}）。</translation>
        </message>
        <message>
            <source>first scene CRS</source>
            <translation>第一景的坐标系</translation>
        </message>
        <message>
            <source>HARMONIZE: {n} TM/ETM+ scene(s) transformed to OLI-like reflectance (Roy et al. 2016, Table 2, OLS).</source>
            <translation>HARMONIZE：{n} 景 TM/ETM+ 影像已转换为类 OLI 反射率（Roy 等 2016，表 2，OLS）。</translation>
        </message>
        <message>
            <source>No output was requested: set at least one of OUTPUT_NDVI, OUTPUT_WET, OUTPUT_NDBSI, OUTPUT_LST, OUTPUT_MNDWI.</source>
            <translation>未请求任何输出：请至少设置 OUTPUT_NDVI、OUTPUT_WET、OUTPUT_NDBSI、OUTPUT_LST、OUTPUT_MNDWI 之一。</translation>
        </message>
        <message>
            <source>Input 'INPUT' is a plain raster with no sensor information: choose the wetness coefficients (WETNESS_SENSOR = TM, ETM+ or OLI).</source>
            <translation>输入“INPUT”是没有传感器信息的普通栅格：请选择湿度系数（WETNESS_SENSOR = TM、ETM+ 或 OLI）。</translation>
        </message>
        <message>
            <source>paper Table 2</source>
            <translation>论文表 2</translation>
        </message>
        <message>
            <source>Input is a plain raster: bands {bands}, QA masking does not apply.</source>
            <translation>输入为普通栅格：波段 {bands}，不进行 QA 掩膜。</translation>
        </message>
        <message>
            <source>INPUT: '{file}' is one band file of the Landsat scene {product}; pass the scene's _MTL.txt instead{where}. The MTL names every band file and their scale factors.</source>
            <translation>INPUT：“{file}”是 Landsat 影像 {product} 的一个波段文件；请改为给出该景的 _MTL.txt{where}。MTL 列出了每个波段文件及其比例系数。</translation>
        </message>
        <message>
            <source>Input 'INPUT': the file '{path}' does not exist.</source>
            <translation>输入“INPUT”：文件“{path}”不存在。</translation>
        </message>
        <message>
            <source>Level-1 LST without atmospheric correction (tau=1, Lup=Ldown=0): give ATM_TRANSMITTANCE, UPWELLING_RADIANCE and DOWNWELLING_RADIANCE for the date.</source>
            <translation>Level-1 LST 未做大气校正（tau=1，Lup=Ldown=0）：请给出该日期的 ATM_TRANSMITTANCE、UPWELLING_RADIANCE 和 DOWNWELLING_RADIANCE。</translation>
        </message>
        <message>
            <source>Level-1 scene: indices use TOA reflectance from the MTL, not surface reflectance.</source>
            <translation>Level-1 影像：指数使用由 MTL 计算的大气层顶反射率，而非地表反射率。</translation>
        </message>
        <message>
            <source>{label}: no clear pixel — every pixel is fill, out of range or masked by the QA conditions ({conditions}). No output was written.</source>
            <translation>{label}：没有晴空像元——每个像元都是填充值、超出范围或被 QA 条件（{conditions}）掩膜。未写入任何输出。</translation>
        </message>
        <message>
            <source>Input is a rsei:landsatcomposite output (sensors: {sensors}).</source>
            <translation>输入为 rsei:landsatcomposite 的输出（传感器：{sensors}）。</translation>
        </message>
        <message>
            <source>Composite of several sensors ({sensors}): wetness uses the TM coefficients for all, as the paper does for long series.</source>
            <translation>多传感器合成影像（{sensors}）：与论文处理长时间序列的做法相同，湿度对所有影像均使用 TM 系数。</translation>
        </message>
        <message>
            <source>INPUT: '{file}' is {kind}, not a Landsat scene, composite or reflectance raster.</source>
            <translation>INPUT：“{file}”是{kind}，不是 Landsat 影像、合成影像或反射率栅格。</translation>
        </message>
        <message>
            <source>Scene {label}: {sensor}, Level {level}, {date}.</source>
            <translation>影像 {label}：{sensor}，Level {level}，{date}。</translation>
        </message>
        <message>
            <source>Level-1 LST by the radiative-transfer equation (eq. 6-8): K1={k1}, K2={k2} ({k_source}); tau={tau}, Lup={lup}, Ldown={ldown}; emissivity by Sobrino et al. (2004) NDVI thresholds; reflectance is TOA reflectance.</source>
            <translation>Level-1 LST 按辐射传输方程计算（式 6-8）：K1={k1}，K2={k2}（{k_source}）；tau={tau}，Lup={lup}，Ldown={ldown}；比辐射率按 Sobrino 等（2004）的 NDVI 阈值法；反射率为大气层顶反射率。</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>Scene {label}: the MTL has no K1/K2 thermal constants and the paper's Table 2 has none for {spacecraft}.</source>
            <translation>影像 {label}：MTL 中没有 K1/K2 热红外常数，论文表 2 中也没有 {spacecraft} 的常数。</translation>
        </message>
        <message>
            <source>Give EXTENT or CLIP: the area of the composites.</source>
            <translation>请给出 EXTENT 或 CLIP：合成影像的范围。</translation>
        </message>
        <message>
            <source>Input 'EXTENT' is empty.</source>
            <translation>输入“EXTENT”为空。</translation>
        </message>
        <message>
            <source>Target grid: {width}×{height} pixels of {size:g} ({crs}); {n_years} year(s), months {months}; cache {cache}.</source>
            <translation>目标格网：{width}×{height} 个像元，像元大小 {size:g}（{crs}）；{n_years} 年，月份 {months}；缓存 {cache}。</translation>
        </message>
        <message>
            <source>{years} year(s) written, {scenes} scene(s) used, {mb:.1f} MB read ({fetched} windows fetched, {cached} from the cache) in {seconds:.1f} s.</source>
            <translation>写出 {years} 年，使用 {scenes} 景影像，读取 {mb:.1f} MB（下载 {fetched} 个窗口，{cached} 个来自缓存），用时 {seconds:.1f} s。</translation>
        </message>
        <message>
            <source>Using QGIS's proxy {proxy} for the catalog, the token service and GDAL's reads.</source>
            <translation>检索目录、令牌服务和 GDAL 读取均使用 QGIS 的代理 {proxy}。</translation>
        </message>
        <message>
            <source>Make the indicators from it with rsei:landsatindices (OUTPUT_NDVI, OUTPUT_WET, OUTPUT_NDBSI, OUTPUT_LST).</source>
            <translation>请先用 rsei:landsatindices 由其生成各指标（OUTPUT_NDVI、OUTPUT_WET、OUTPUT_NDBSI、OUTPUT_LST）。</translation>
        </message>
        <message>
            <source>worst</source>
            <translation>差</translation>
        </message>
        <message>
            <source>poor</source>
            <translation>较差</translation>
        </message>
        <message>
            <source>moderate</source>
            <translation>中等</translation>
        </message>
        <message>
            <source>good</source>
            <translation>良</translation>
        </message>
        <message>
            <source>excellent</source>
            <translation>优</translation>
        </message>
        <message>
            <source>Give OUTPUT_MNDWI of rsei:landsatindices.</source>
            <translation>请给出 rsei:landsatindices 的 OUTPUT_MNDWI。</translation>
        </message>
        <message>
            <source>Mean RSEI {mean:.4f} over {pixels} pixels.</source>
            <translation>{pixels} 个像元的平均遥感生态指数（RSEI）为 {mean:.4f}。</translation>
        </message>
        <message>
            <source>Grade {grade} ({name}): {pixels} pixels, {area:.4f} km², {percent:.2f} %</source>
            <translation>等级 {grade}（{name}）：{pixels} 个像元，{area:.4f} km²，{percent:.2f} %</translation>
        </message>
        <message>
            <source>Input 'INPUT': give at least one yearly raster.</source>
            <translation>输入“INPUT”：请至少给出一个逐年栅格。</translation>
        </message>
        <message>
            <source>7-band composites (INPUT_TYPE=0)</source>
            <translation>7 波段合成影像（INPUT_TYPE=0）</translation>
        </message>
        <message>
            <source>4-band indicator sets (INPUT_TYPE=1)</source>
            <translation>4 波段指标组（INPUT_TYPE=1）</translation>
        </message>
        <message>
            <source>INPUT: '{base}' is {kind}, but INPUT_TYPE=1 expects 4-band indicator sets (NDVI, WET, NDBSI, LST). Set INPUT_TYPE=0 (composites) to compute the indicators from the composites.</source>
            <translation>INPUT：“{base}”是{kind}，但 INPUT_TYPE=1 需要 4 波段指标集（NDVI、WET、NDBSI、LST）。请设置 INPUT_TYPE=0（合成影像），由合成影像计算各指标。</translation>
        </message>
        <message>
            <source>INPUT: '{base}' is {kind}, but rsei:rseiseries expects {expected}.</source>
            <translation>INPUT：“{base}”是{kind}，但 rsei:rseiseries 需要{expected}。</translation>
        </message>
        <message>
            <source>INPUT: '{base}' has 4 bands, like an indicator set, but INPUT_TYPE=0 expects 7-band composites from rsei:landsatcomposite. Set INPUT_TYPE=1 for indicator sets (NDVI, WET, NDBSI, LST).</source>
            <translation>INPUT：“{base}”有 4 个波段，像是指标集，但 INPUT_TYPE=0 需要 rsei:landsatcomposite 生成的 7 波段合成影像。指标集（NDVI、WET、NDBSI、LST）请设置 INPUT_TYPE=1。</translation>
        </message>
        <message>
            <source>Wetness coefficients: {sensors}.</source>
            <translation>湿度系数：{sensors}。</translation>
        </message>
        <message>
            <source>significant improvement</source>
            <translation>明显改善</translation>
        </message>
        <message>
            <source>slight improvement</source>
            <translation>轻微改善</translation>
        </message>
        <message>
            <source>stable</source>
            <translation>稳定</translation>
        </message>
        <message>
            <source>slight degradation</source>
            <translation>轻微退化</translation>
        </message>
        <message>
            <source>significant degradation</source>
            <translation>明显退化</translation>
        </message>
        <message>
            <source>No output was requested; set at least one of the outputs.</source>
            <translation>未请求任何输出；请至少设置一个输出。</translation>
        </message>
        <message>
            <source>Years ({source}): {years}</source>
            <translation>年份（{source}）：{years}</translation>
        </message>
        <message>
            <source>INPUT: a trend needs at least two rasters; {n_paths} given.</source>
            <translation>INPUT：趋势分析至少需要两个栅格；只给出了 {n_paths} 个。</translation>
        </message>
        <message>
            <source>; per-pixel test: {pixels} pixels</source>
            <translation>；逐像元检验：{pixels} 个像元</translation>
        </message>
        <message>
            <source>{code} {name}: {pixels} pixels, {area:.4f} km² ({percent:.2f} %){before}</source>
            <translation>{code} {name}：{pixels} 个像元，{area:.4f} km²（{percent:.2f} %）{before}</translation>
        </message>
        <message>
            <source>INPUT: the table could not be loaded.</source>
            <translation>INPUT：无法加载表。</translation>
        </message>
        <message>
            <source>Field '{field}' is not numeric (feature {fid} has the value {value!r}).</source>
            <translation>字段“{field}”不是数值型（要素 {fid} 的值为 {value!r}）。</translation>
        </message>
        <message>
            <source>Field '{field}' is not numeric: feature {fid} has the value '{text}'. Choose a field that holds numbers.</source>
            <translation>字段“{field}”不是数值型：要素 {fid} 的值为“{text}”。请选择保存数字的字段。</translation>
        </message>
        <message>
            <source>OUTPUT_HTML needs the Python package matplotlib, which QGIS's Python cannot import (Debian/Ubuntu: 'sudo apt install python3-matplotlib'; elsewhere 'python -m pip install matplotlib'). Leave OUTPUT_HTML empty to run without the report.</source>
            <translation>OUTPUT_HTML 需要 Python 包 matplotlib，但 QGIS 的 Python 无法导入它（Debian/Ubuntu：'sudo apt install python3-matplotlib'；其他系统：'python -m pip install matplotlib'）。将 OUTPUT_HTML 留空即可在不生成报告的情况下运行。</translation>
        </message>
        <message>
            <source>{skipped} row(s) with an empty time or value were skipped.</source>
            <translation>跳过了 {skipped} 行时间或数值为空的记录。</translation>
        </message>
        <message>
            <source>{name}: the table has no field '{field}'.</source>
            <translation>{name}：表中没有字段“{field}”。</translation>
        </message>
        <message>
            <source>; static: {names}</source>
            <translation>；静态：{names}</translation>
        </message>
        <message>
            <source>{n} yearly raster(s) (years from the {how}): {rasters}{static}; statistics: {statistics}; pixels counted by {counting}.</source>
            <translation>{n} 个逐年栅格（年份取自{how}）：{rasters}{static}；统计量：{statistics}；像元按{counting}计入。</translation>
        </message>
        <message>
            <source>{rows} rows: {zones} zone(s) × {years} year(s); columns {columns}.</source>
            <translation>{rows} 行：{zones} 个分区 × {years} 年；列 {columns}。</translation>
        </message>
        <message>
            <source>ZONE_FIELD: the field '{zone_field}' does not exist in ZONES.</source>
            <translation>ZONE_FIELD：ZONES 中不存在字段“{zone_field}”。</translation>
        </message>
        <message>
            <source>STATIC: the name(s) {names} are used twice (by another static raster or a yearly variable); rename the layers.</source>
            <translation>STATIC：名称 {names} 被使用了两次（被另一个静态栅格或某个逐年变量）；请重命名图层。</translation>
        </message>
        <message>
            <source>CATEGORICAL: '{name}' is not a variable name; the variables are {variables}.</source>
            <translation>CATEGORICAL：“{name}”不是变量名；变量有 {variables}。</translation>
        </message>
        <message>
            <source>touch (ALL_TOUCHED)</source>
            <translation>接触（ALL_TOUCHED）</translation>
        </message>
        <message>
            <source>centre</source>
            <translation>中心</translation>
        </message>
        <message>
            <source>ZONE_FIELD: the id(s) {ids} occur in more than one polygon; each polygon gets its own rows.</source>
            <translation>ZONE_FIELD：ID {ids} 出现在多个多边形中；每个多边形各有自己的行。</translation>
        </message>
        <message>
            <source>The output would have the column(s) {columns} twice (a copied field has the name of a statistics column); rename the field or the variable.</source>
            <translation>输出将有重复的列 {columns}（某个复制字段与统计量列同名）；请重命名该字段或变量。</translation>
        </message>
        <message>
            <source>COPY_FIELDS: the field '{name}' does not exist in ZONES.</source>
            <translation>COPY_FIELDS：ZONES 中不存在字段“{name}”。</translation>
        </message>
        <message>
            <source>INPUT: '{other}' and '{path}' are both variable '{name}' in {year} (years from the {how}); give each variable one raster per year (check NAMES and YEARS).</source>
            <translation>INPUT：“{other}”和“{path}”都是 {year} 年的变量“{name}”（年份来自 {how}）；每个变量每年只能给一个栅格（请检查 NAMES 和 YEARS）。</translation>
        </message>
        <message>
            <source>STATIC: the layer name '{layer}' does not make a column name; rename the layer (it must start with a letter).</source>
            <translation>STATIC：图层名“{layer}”无法作为列名；请重命名图层（必须以字母开头）。</translation>
        </message>
        <message>
            <source>The run was canceled; no output was written.</source>
            <translation>运行已取消；未写入任何输出。</translation>
        </message>
        <message>
            <source>YEARS: no year was given.</source>
            <translation>YEARS：未给出年份。</translation>
        </message>
        <message>
            <source>{catalog} does not announce the STAC Query extension: the cloud-cover and platform filters are applied to the items here instead.</source>
            <translation>{catalog} 未声明支持 STAC Query 扩展：云量和卫星平台筛选改为在本地对条目进行。</translation>
        </message>
        <message>
            <source>No STAC item at all in {catalog} collection '{collection}' for the area {bbox}, years {years} and months {months}.</source>
            <translation>在 {catalog} 的集合“{collection}”中，范围 {bbox}、年份 {years}、月份 {months} 内没有任何 STAC 条目。</translation>
        </message>
        <message>
            <source>RESOLUTION must be positive.</source>
            <translation>RESOLUTION 必须为正数。</translation>
        </message>
        <message>
            <source>The EXTENT is empty.</source>
            <translation>EXTENT 为空。</translation>
        </message>
        <message>
            <source>The target grid would have {width}×{height} pixels; choose a smaller EXTENT or a coarser RESOLUTION.</source>
            <translation>目标格网将有 {width}×{height} 个像元；请选择更小的 EXTENT 或更粗的 RESOLUTION。</translation>
        </message>
        <message>
            <source>MTL</source>
            <translation>MTL</translation>
        </message>
        <message>
            <source>Year {year}: {n_scenes} scene(s), {n_fetches} asset windows: {scenes}</source>
            <translation>{year} 年：{n_scenes} 景影像，{n_fetches} 个资产窗口：{scenes}</translation>
        </message>
        <message>
            <source>Year {year}: no usable scene in months {months} ({n_items} item(s) found); the year is skipped.</source>
            <translation>{year} 年：月份 {months} 内没有可用的影像（找到 {n_items} 个条目）；跳过该年。</translation>
        </message>
        <message>
            <source>The asset server refused the token or access for {href} (HTTP {code}) of item {item_id}. Check SIGNING (and the subscription key).</source>
            <translation>资产服务器拒绝了条目 {item_id} 的 {href} 的令牌或访问（HTTP {code}）。请检查 SIGNING（以及订阅密钥）。</translation>
        </message>
        <message>
            <source>Asset {href} of item {item_id} does not exist (HTTP 404).</source>
            <translation>条目 {item_id} 的资产 {href} 不存在（HTTP 404）。</translation>
        </message>
        <message>
            <source>Reading {href} (item {item_id}, {role}) failed after {attempt} attempts: {short}</source>
            <translation>读取 {href}（条目 {item_id}，{role}）在尝试 {attempt} 次后失败：{short}</translation>
        </message>
        <message>
            <source>Year {year}: no clear observation in the area in any scene; the year is skipped.</source>
            <translation>{year} 年：任何影像在该区域内都没有晴空观测；跳过该年。</translation>
        </message>
        <message>
            <source>The asset server refused the renewed token or access for {href} (HTTP {code}) of item {item_id}. Check SIGNING (and the subscription key).</source>
            <translation>资产服务器拒绝了条目 {item_id} 的 {href} 的更新后令牌或访问（HTTP {code}）。请检查 SIGNING（以及订阅密钥）。</translation>
        </message>
        <message>
            <source>Input 'SCENES': no scene (MTL file) was given.</source>
            <translation>输入“SCENES”：未给出影像（MTL 文件）。</translation>
        </message>
        <message>
            <source>Input 'SCENES': none of the {n_scenes} scene(s) was acquired in the months {months}.</source>
            <translation>输入“SCENES”：{n_scenes} 景影像均不是在月份 {months} 内获取的。</translation>
        </message>
        <message>
            <source>None of the scenes overlaps the target grid/extent: {scenes}.</source>
            <translation>没有影像与目标格网/范围重叠：{scenes}。</translation>
        </message>
        <message>
            <source>No surface-temperature band in {lacking}: the composite has the six reflectance bands only.</source>
            <translation>{lacking} 中没有地表温度波段：合成影像只有六个反射率波段。</translation>
        </message>
        <message>
            <source>No clear observation in the target extent in any scene: nothing to composite. Check the months, the extent and the QA mask. No output was written.</source>
            <translation>任何影像在目标范围内都没有晴空观测：无可合成的数据。请检查月份、范围和 QA 掩膜。未写入任何输出。</translation>
        </message>
        <message>
            <source>Scene {label}: the MTL has no DATE_ACQUIRED.</source>
            <translation>影像 {label}：MTL 中没有 DATE_ACQUIRED。</translation>
        </message>
        <message>
            <source>Scene {label} ({date}) skipped: month {month} is outside MONTHS.</source>
            <translation>已跳过影像 {label}（{date}）：月份 {month} 不在 MONTHS 内。</translation>
        </message>
        <message>
            <source>Scene {label} is a Level-1 product; the composite needs Collection 2 Level-2 surface reflectance (L2SP or L2SR) so that scenes of different dates are comparable.</source>
            <translation>影像 {label} 是 Level-1 产品；合成需要 Collection 2 Level-2 地表反射率（L2SP 或 L2SR），以使不同日期的影像可比。</translation>
        </message>
        <message>
            <source>Scene {label} does not overlap the target grid; it is left out.</source>
            <translation>影像 {label} 与目标格网不重叠；已将其排除。</translation>
        </message>
        <message>
            <source>Scene {label} has no clear pixel in the target extent (all fill, out of range or masked by QA).</source>
            <translation>影像 {label} 在目标范围内没有晴空像元（全部为填充值、超出范围或被 QA 掩膜）。</translation>
        </message>
        <message>
            <source>Scene {label} ({sensor}, {date}): {n_clear} clear pixels.</source>
            <translation>影像 {label}（{sensor}，{date}）：{n_clear} 个晴空像元。</translation>
        </message>
        <message>
            <source>poor land structure</source>
            <translation>土地结构差</translation>
        </message>
        <message>
            <source>moderate land structure</source>
            <translation>土地结构中等</translation>
        </message>
        <message>
            <source>good land structure</source>
            <translation>土地结构好</translation>
        </message>
        <message>
            <source>poor condition</source>
            <translation>状况差</translation>
        </message>
        <message>
            <source>moderate condition</source>
            <translation>状况中等</translation>
        </message>
        <message>
            <source>good condition</source>
            <translation>状况好</translation>
        </message>
        <message>
            <source>{code} {levels}: {eg} (EG), {rsei} (RSEI)</source>
            <translation>{code} {levels}：{eg}（EG），{rsei}（RSEI）</translation>
        </message>
        <message>
            <source>{name}: the breaks must be finite numbers (got {b1}, {b2}).</source>
            <translation>{name}：断点必须是有限数值（得到 {b1}、{b2}）。</translation>
        </message>
        <message>
            <source>{name}: the first break ({b1:g}) must be lower than the second ({b2:g}).</source>
            <translation>{name}：第一个断点（{b1:g}）必须小于第二个断点（{b2:g}）。</translation>
        </message>
        <message>
            <source>Unknown classification '{method}'; use one of {methods}.</source>
            <translation>未知的分类方法“{method}”；请使用以下之一：{methods}。</translation>
        </message>
        <message>
            <source>Input '{key}': {count} pixel(s) lie outside 0–1; is it an index normalised to 0–1 with higher = better (RSEI from rsei:rsei, EG from rsei:egindex)?</source>
            <translation>输入“{key}”：有 {count} 个像元超出 0–1；它是否为归一化到 0–1 且越高越好的指数（rsei:rsei 的 RSEI、rsei:egindex 的 EG）？</translation>
        </message>
        <message>
            <source>Manual classification needs RSEI_BREAKS and EG_BREAKS (two numbers each).</source>
            <translation>手动分类需要 RSEI_BREAKS 和 EG_BREAKS（各两个数值）。</translation>
        </message>
        <message>
            <source>RSEI and EG have no pixel where both are valid, so there are no terciles.</source>
            <translation>RSEI 与 EG 没有同时有效的像元，因此无法计算三分位数。</translation>
        </message>
        <message>
            <source>Windows (OSGeo4W Shell, run as administrator): 'python -m pip install rasterio'; macOS (QGIS.app): '/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install rasterio'; Debian/Ubuntu: 'sudo apt install python3-rasterio'.</source>
            <translation>Windows（以管理员身份运行 OSGeo4W Shell）：'python -m pip install rasterio'；macOS（QGIS.app）：'/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install rasterio'；Debian/Ubuntu：'sudo apt install python3-rasterio'。</translation>
        </message>
        <message>
            <source>Windows (OSGeo4W Shell, run as administrator): 'python -m pip install scipy' (or select python3-scipy in the OSGeo4W installer); macOS (QGIS.app): '/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install scipy'; Debian/Ubuntu: 'sudo apt install python3-scipy'.</source>
            <translation>Windows（以管理员身份运行 OSGeo4W Shell）：'python -m pip install scipy'（或在 OSGeo4W 安装程序中选择 python3-scipy）；macOS（QGIS.app）：'/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install scipy'；Debian/Ubuntu：'sudo apt install python3-scipy'。</translation>
        </message>
        <message>
            <source>RSEI Toolbox needs the Python package '{package}', which QGIS's Python cannot import. Install it, then restart QGIS. {install}</source>
            <translation>RSEI Toolbox 需要 Python 包“{package}”，但 QGIS 的 Python 无法导入它。请安装后重启 QGIS。{install}</translation>
        </message>
        <message>
            <source>{missing} Python's error: {error}</source>
            <translation>{missing} Python 的错误信息：{error}</translation>
        </message>
        <message>
            <source>categorical</source>
            <translation>类别型</translation>
        </message>
        <message>
            <source>equal interval</source>
            <translation>等间距</translation>
        </message>
        <message>
            <source>quantile</source>
            <translation>分位数</translation>
        </message>
        <message>
            <source>natural breaks</source>
            <translation>自然断点</translation>
        </message>
        <message>
            <source>geometric interval</source>
            <translation>几何间隔</translation>
        </message>
        <message>
            <source>standard deviation</source>
            <translation>标准差</translation>
        </message>
        <message>
            <source>optimal</source>
            <translation>最优</translation>
        </message>
        <message>
            <source>No values to classify.</source>
            <translation>没有可分类的值。</translation>
        </message>
        <message>
            <source>The number of classes must be at least 2 (got {k}).</source>
            <translation>类别数至少为 2（得到 {k}）。</translation>
        </message>
        <message>
            <source>Unknown discretisation method {method}.</source>
            <translation>未知的离散化方法 {method}。</translation>
        </message>
        <message>
            <source>Install Dask's distributed scheduler: on Debian/Ubuntu 'apt install python3-distributed', elsewhere 'python3 -m pip install "dask[distributed]"' in the Python that QGIS uses.</source>
            <translation>请安装 Dask 的分布式调度器：在 Debian/Ubuntu 上运行 'apt install python3-distributed'，在其他系统上于 QGIS 所用的 Python 中运行 'python3 -m pip install "dask[distributed]"'。</translation>
        </message>
        <message>
            <source>Windows computed on {engine}.</source>
            <translation>窗口计算使用 {engine}。</translation>
        </message>
        <message>
            <source>The environment variable {variable} must be a whole number ≥ 1, not '{text}'.</source>
            <translation>环境变量 {variable} 必须是 ≥ 1 的整数，而不是“{text}”。</translation>
        </message>
        <message>
            <source>The Dask cluster ({engine}) is gone: {error_type}: {exc}. No output was written.</source>
            <translation>Dask 集群（{engine}）已断开：{error_type}：{exc}。未写入任何输出。</translation>
        </message>
        <message>
            <source>1 thread</source>
            <translation>1 个线程</translation>
        </message>
        <message>
            <source>{n} threads</source>
            <translation>{n} 个线程</translation>
        </message>
        <message>
            <source>DASK_SCHEDULER is set, but Dask's 'distributed' package cannot be imported ({exc}). {install}</source>
            <translation>已设置 DASK_SCHEDULER，但无法导入 Dask 的“distributed”包（{exc}）。{install}</translation>
        </message>
        <message>
            <source>Dask LocalCluster of {n} processes</source>
            <translation>含 {n} 个进程的 Dask LocalCluster</translation>
        </message>
        <message>
            <source>DASK_SCHEDULER '{scheduler}': the cluster could not be used ({error_type}: {exc}).</source>
            <translation>DASK_SCHEDULER“{scheduler}”：无法使用该集群（{error_type}：{exc}）。</translation>
        </message>
        <message>
            <source>DASK_SCHEDULER '{scheduler}': 'local:N' needs a whole number N ≥ 1 of worker processes.</source>
            <translation>DASK_SCHEDULER“{scheduler}”：'local:N' 需要 N 为 ≥ 1 的整数（工作进程数）。</translation>
        </message>
        <message>
            <source>Dask scheduler {scheduler}</source>
            <translation>Dask 调度器 {scheduler}</translation>
        </message>
        <message>
            <source>DASK_SCHEDULER '{scheduler}' is neither 'tcp://host:port' (a running scheduler) nor 'local:N' (a local cluster of N worker processes).</source>
            <translation>DASK_SCHEDULER“{scheduler}”既不是 'tcp://host:port'（正在运行的调度器），也不是 'local:N'（含 N 个工作进程的本地集群）。</translation>
        </message>
        <message>
            <source>DASK_SCHEDULER: cannot connect to the Dask scheduler at '{scheduler}' ({error_type}: {exc}). Is it running and reachable?</source>
            <translation>DASK_SCHEDULER：无法连接到位于“{scheduler}”的 Dask 调度器（{error_type}：{exc}）。它是否正在运行且可访问？</translation>
        </message>
        <message>
            <source>BOOTSTRAP: the number of resamples must be between 1 and {max_resamples} (got {resamples}).</source>
            <translation>BOOTSTRAP：重抽样次数必须在 1 到 {max_resamples} 之间（得到 {resamples}）。</translation>
        </message>
        <message>
            <source>The bootstrap needs at least two samples.</source>
            <translation>自助法至少需要两个样本。</translation>
        </message>
        <message>
            <source>Y is constant (zero variance), so q is undefined.</source>
            <translation>Y 为常数（方差为零），因此 q 无定义。</translation>
        </message>
        <message>
            <source>At least two samples with Y and every factor present are needed{where}; got {size}.</source>
            <translation>至少需要两个 Y 和所有因子均存在的样本{where}；得到 {size} 个。</translation>
        </message>
        <message>
            <source>Factor '{name}' has a single stratum{where}: q is 0 by construction and its p-value undefined. Remove the factor, or use more classes or another method.</source>
            <translation>因子“{name}”只有一个层{where}：q 按定义为 0，其 p 值无定义。请移除该因子，或使用更多类别或其他方法。</translation>
        </message>
        <message>
            <source>Factor '{name}' has no samples.</source>
            <translation>因子“{name}”没有样本。</translation>
        </message>
        <message>
            <source>Factor '{name}' is constant (a single value): it cannot be stratified. Remove the factor.</source>
            <translation>因子“{name}”为常数（只有一个值）：无法分层。请移除该因子。</translation>
        </message>
        <message>
            <source>Y needs at least two finite samples.</source>
            <translation>Y 至少需要两个有限值样本。</translation>
        </message>
        <message>
            <source>The regression tree needs at least one factor.</source>
            <translation>回归树至少需要一个因子。</translation>
        </message>
        <message>
            <source>Tree parameters must satisfy cp ≥ 0, minsplit ≥ 1, 1 ≤ maxdepth ≤ 30.</source>
            <translation>回归树参数必须满足 cp ≥ 0、minsplit ≥ 1、1 ≤ maxdepth ≤ 30。</translation>
        </message>
        <message>
            <source>GOZH: regression tree (cp={cp:g}, minsplit={minsplit}, minbucket={minbucket}, maxdepth={maxdepth}), {zones} zones</source>
            <translation>GOZH：回归树（cp={cp:g}，minsplit={minsplit}，minbucket={minbucket}，maxdepth={maxdepth}），{zones} 个分区</translation>
        </message>
        <message>
            <source>The number of strata must be at least 1.</source>
            <translation>层数至少为 1。</translation>
        </message>
        <message>
            <source>Cannot form {k} strata of at least {minsize} samples each.</source>
            <translation>无法形成 {k} 个每层至少 {minsize} 个样本的层。</translation>
        </message>
        <message>
            <source>Classes for RGD must satisfy 2 ≤ CLASSES_MIN ≤ CLASSES_MAX (got {kmin}…{kmax}).</source>
            <translation>RGD 的类别数必须满足 2 ≤ CLASSES_MIN ≤ CLASSES_MAX（得到 {kmin}…{kmax}）。</translation>
        </message>
        <message>
            <source>fixed</source>
            <translation>固定</translation>
        </message>
        <message>
            <source>increase rate ≤ {rate:g} over {kmin}…{kmax}</source>
            <translation>在 {kmin}…{kmax} 中增长率 ≤ {rate:g}</translation>
        </message>
        <message>
            <source>RGD: least-squares change points, {strata} strata ({rule})</source>
            <translation>RGD：最小二乘变点，{strata} 层（{rule}）</translation>
        </message>
        <message>
            <source>The LESH factor limit can be at most {limit} (2^{limit} − 1 q evaluations); got {max_factors}.</source>
            <translation>LESH 因子数上限最多为 {limit}（2^{limit} − 1 次 q 计算）；得到 {max_factors}。</translation>
        </message>
        <message>
            <source>LESH needs at least one factor.</source>
            <translation>LESH 至少需要一个因子。</translation>
        </message>
        <message>
            <source>LESH is exact over all 2^m subsets of factors and is limited to {max_factors} factors (2^{max_factors} − 1 = {evaluations} q evaluations); got {m} factors. Use fewer factors or raise the limit (at most {limit}).</source>
            <translation>LESH 对因子的全部 2^m 个子集精确计算，限于 {max_factors} 个因子（2^{max_factors} − 1 = {evaluations} 次 q 计算）；得到 {m} 个因子。请减少因子或提高上限（最多 {limit}）。</translation>
        </message>
        <message>
            <source>Each factor must have one value per sample of Y.</source>
            <translation>每个因子必须对 Y 的每个样本有一个值。</translation>
        </message>
        <message>
            <source>Factor '{name}' must have one stratum code per sample of Y.</source>
            <translation>因子“{name}”必须对 Y 的每个样本有一个层代码。</translation>
        </message>
        <message>
            <source>Factor '{name}' has a single stratum (constant): it cannot take part in LESH. Remove the factor.</source>
            <translation>因子“{name}”只有一个层（常数）：无法参与 LESH。请移除该因子。</translation>
        </message>
        <message>
            <source>OUTPUT_LESH: the factors' combined strata are too many to key over every pixel ({sizes} ≥ 2^62); use SAMPLE_SIZE &gt; 0 or fewer strata.</source>
            <translation>OUTPUT_LESH：因子组合后的层过多，无法对每个像元建立键（{sizes} ≥ 2^62）；请使用 SAMPLE_SIZE &gt; 0 或减少层数。</translation>
        </message>
        <message>
            <source>Only {valid_count} pixel(s) are valid in Y and every factor; at least two are needed.</source>
            <translation>Y 和所有因子中同时有效的像元只有 {valid_count} 个；至少需要两个。</translation>
        </message>
        <message>
            <source>Grid {width} × {height} pixels; {valid} valid in Y and every factor, {dropped} dropped as NoData in Y or a factor.</source>
            <translation>格网 {width} × {height} 个像元；{valid} 个在 Y 和所有因子中均有效，{dropped} 个因 Y 或某因子为 NoData 而剔除。</translation>
        </message>
        <message>
            <source>Y is constant over the valid pixels: q is undefined.</source>
            <translation>Y 在有效像元上为常数：q 无定义。</translation>
        </message>
        <message>
            <source>Random sample of {size} of these pixels (SEED {seed}).</source>
            <translation>从中随机抽取 {size} 个像元（SEED {seed}）。</translation>
        </message>
        <message>
            <source>All {valid} valid pixels used; breaks of the continuous factors set on a random sample of {size} pixels (SEED {seed}).</source>
            <translation>使用全部 {valid} 个有效像元；连续因子的断点在 {size} 个像元的随机样本上确定（SEED {seed}）。</translation>
        </message>
        <message>
            <source>Factor '{name}' is used as categorical (METHOD 0 or CATEGORICAL_FACTORS) but has more than {max_categories} distinct values; treat it as continuous (METHOD 1–6) or reclassify it.</source>
            <translation>因子“{name}”被用作类别型（METHOD 0 或 CATEGORICAL_FACTORS），但其不同值超过 {max_categories} 个；请将其作为连续型（METHOD 1–6）处理或重新分类。</translation>
        </message>
        <message>
            <source>optimal: {method}, {classes} classes</source>
            <translation>最优：{method}，{classes} 类</translation>
        </message>
        <message>
            <source>Classes for the optimal method must satisfy 2 ≤ CLASSES_MIN ≤ CLASSES_MAX (got {kmin}…{kmax}).</source>
            <translation>最优分级法的类别数必须满足 2 ≤ CLASSES_MIN ≤ CLASSES_MAX（得到 {kmin}…{kmax}）。</translation>
        </message>
        <message>
            <source>Input '{name}' holds the value {v:g}, which is not a grade 1–{classes}. Use a grade raster from rsei:rsei or rsei:rseiseries.</source>
            <translation>输入“{name}”含有值 {v:g}，不是 1–{classes} 的等级。请使用 rsei:rsei 或 rsei:rseiseries 输出的等级栅格。</translation>
        </message>
        <message>
            <source>HARMONIZE: the Roy et al. (2016) functions are for surface reflectance; this is a Level-1 scene (top-of-atmosphere reflectance). Use a Collection 2 Level-2 scene or switch HARMONIZE off.</source>
            <translation>HARMONIZE：Roy 等（2016）的转换函数适用于地表反射率；此为 Level-1 影像（大气层顶反射率）。请使用 Collection 2 Level-2 影像或关闭 HARMONIZE。</translation>
        </message>
        <message>
            <source>HARMONIZE: the input has no sensor information, so it is unknown whether it is TM/ETM+ (to transform) or OLI; harmonise its scenes in rsei:landsatcomposite, or switch HARMONIZE off.</source>
            <translation>HARMONIZE：输入没有传感器信息，无法判断其为 TM/ETM+（需转换）还是 OLI；请在 rsei:landsatcomposite 中对其影像进行协调，或关闭 HARMONIZE。</translation>
        </message>
        <message>
            <source>HARMONIZE: the composite mixes OLI with TM/ETM+ scenes ({sensors}), so it is unknown which pixels to transform. Make the composite with rsei:landsatcomposite HARMONIZE=true instead.</source>
            <translation>HARMONIZE：该合成影像混合了 OLI 与 TM/ETM+ 影像（{sensors}），无法判断应转换哪些像元。请改用 rsei:landsatcomposite 并设置 HARMONIZE=true 生成合成影像。</translation>
        </message>
        <message>
            <source>HARMONIZE: {sensors} surface reflectance transformed to OLI-like reflectance (Roy et al. 2016, Table 2, OLS: OLI = a + b·ETM+).</source>
            <translation>HARMONIZE：{sensors} 地表反射率已转换为类 OLI 反射率（Roy 等 2016，表 2，OLS：OLI = a + b·ETM+）。</translation>
        </message>
        <message>
            <source>HARMONIZE: the composite is already harmonised (RSEI_HARMONIZED tag); not applied again.</source>
            <translation>HARMONIZE：该合成影像已做过跨传感器归一化（RSEI_HARMONIZED 标签）；不再重复应用。</translation>
        </message>
        <message>
            <source>HARMONIZE: the input is {sensors}; OLI reflectance is unchanged.</source>
            <translation>HARMONIZE：输入为 {sensors}；OLI 反射率保持不变。</translation>
        </message>
        <message>
            <source>{what} '{address}' is not an http(s) URL; only http:// and https:// addresses are accepted.</source>
            <translation>{what}“{address}”不是 http(s) URL；只接受 http:// 和 https:// 地址。</translation>
        </message>
        <message>
            <source>{what} '{text}' contains white space.</source>
            <translation>{what}“{text}”包含空白字符。</translation>
        </message>
        <message>
            <source> through the proxy {proxy}</source>
            <translation>（经代理 {proxy}）</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>请求</translation>
        </message>
        <message>
            <source>Proxy</source>
            <translation>代理</translation>
        </message>
        <message>
            <source>{what}: the reply from {address} is not valid JSON ({error_type} at {position}); is it the right address?</source>
            <translation>{what}：来自 {address} 的响应不是有效的 JSON（{error_type}，位置 {position}）；地址是否正确？</translation>
        </message>
        <message>
            <source>{what}: {address}{proxy} answered HTTP {code}.</source>
            <translation>{what}：{address}{proxy} 返回 HTTP {code}。</translation>
        </message>
        <message>
            <source>{what}: {address} could not be reached{proxy} after {attempt} attempts ({error_type}: {reason}).</source>
            <translation>{what}：尝试 {attempt} 次后仍无法访问 {address}{proxy}（{error_type}：{reason}）。</translation>
        </message>
        <message>
            <source>{what}: the reply from {address} is {length} bytes, more than the {limit} accepted.</source>
            <translation>{what}：来自 {address} 的响应为 {length} 字节，超过允许的 {limit} 字节。</translation>
        </message>
        <message>
            <source>{what}: the reply from {address} is larger than the {limit} bytes accepted.</source>
            <translation>{what}：来自 {address} 的响应超过允许的 {limit} 字节。</translation>
        </message>
        <message>
            <source>{what}: {address}{proxy} answered HTTP {code} after {attempt} attempts.</source>
            <translation>{what}：{address}{proxy} 在尝试 {attempt} 次后返回 HTTP {code}。</translation>
        </message>
        <message>
            <source>{what}: the TLS certificate of {address} could not be verified ({reason}).</source>
            <translation>{what}：无法验证 {address} 的 TLS 证书（{reason}）。</translation>
        </message>
        <message>
            <source>{what}, made by {made_by}</source>
            <translation>{what}，由 {made_by} 生成</translation>
        </message>
        <message>
            <source>{name}: '{file}' is {kind}, but {name} expects {wanted}.</source>
            <translation>{name}：“{file}”是{kind}，但 {name} 需要{wanted}。</translation>
        </message>
        <message>
            <source>a Landsat composite (7 bands: reflectance and temperature)</source>
            <translation>Landsat 合成影像（7 个波段：反射率与温度）</translation>
        </message>
        <message>
            <source>NDVI (greenness)</source>
            <translation>NDVI（绿度）</translation>
        </message>
        <message>
            <source>WET (wetness)</source>
            <translation>WET（湿度）</translation>
        </message>
        <message>
            <source>NDBSI (dryness)</source>
            <translation>NDBSI（干度）</translation>
        </message>
        <message>
            <source>LST (heat)</source>
            <translation>LST（热度）</translation>
        </message>
        <message>
            <source>MNDWI (water index)</source>
            <translation>MNDWI（水体指数）</translation>
        </message>
        <message>
            <source>a RSEI raster</source>
            <translation>RSEI 栅格</translation>
        </message>
        <message>
            <source>RSEI grades (classes 1–5)</source>
            <translation>RSEI 等级（1–5 级）</translation>
        </message>
        <message>
            <source>ecological grades of land cover (1–7)</source>
            <translation>土地覆被生态等级（1–7）</translation>
        </message>
        <message>
            <source>an EG index raster (0–1)</source>
            <translation>EG 指数栅格（0–1）</translation>
        </message>
        <message>
            <source>coupling codes (11–33)</source>
            <translation>耦合代码（11–33）</translation>
        </message>
        <message>
            <source>a grade-change map (−4…+4)</source>
            <translation>等级变化图（−4…+4）</translation>
        </message>
        <message>
            <source>trend classes (1–5)</source>
            <translation>趋势类别（1–5）</translation>
        </message>
        <message>
            <source>{first} or {second}</source>
            <translation>{first}或{second}</translation>
        </message>
        <message>
            <source>{name}: '{file}' is {kind}, but {name} expects {wanted}. {advice}</source>
            <translation>{name}：“{file}”是{kind}，但 {name} 需要{wanted}。{advice}</translation>
        </message>
        <message>
            <source>{name}: '{file}' has more than {max_codes} distinct values: it is not a raster of class codes.</source>
            <translation>{name}：“{file}”有超过 {max_codes} 个不同的值：它不是类别代码栅格。</translation>
        </message>
        <message>
            <source>{name}: '{file}' holds values that are not whole numbers (e.g. {example:.6g}): it is a continuous raster, not integer class codes.</source>
            <translation>{name}：“{file}”含有非整数值（例如 {example:.6g}）：它是连续型栅格，而非整数类别代码。</translation>
        </message>
        <message>
            <source>{name}: '{file}' holds values that are not whole numbers (e.g. {example:.6g}): it is a continuous raster, not integer class codes ({kind}).</source>
            <translation>{name}：“{file}”含有非整数值（例如 {example:.6g}）：它是连续型栅格，而非整数类别代码（{kind}）。</translation>
        </message>
        <message>
            <source>{name}: none of the land-cover codes of '{file}' ({listed}) is in the lookup ({label}), so every pixel would be NoData. No preset knows them: give each class its grade in LOOKUP_TABLE (with LOOKUP={none} the table alone is used).</source>
            <translation>{name}：“{file}”的土地覆被代码（{listed}）均不在查找表（{label}）中，因此所有像元都将为 NoData。没有预设认识这些代码：请在 LOOKUP_TABLE 中为每个类别给出等级（LOOKUP={none} 时只使用该表）。</translation>
        </message>
        <message>
            <source>Input '{name}': {count} land-cover code(s) are not in the lookup and were left ungraded (NoData): {listed}{more}. Add them to LOOKUP_TABLE or choose the preset of your product.</source>
            <translation>输入“{name}”：有 {count} 个土地覆被代码不在查找表中，未被分级（NoData）：{listed}{more}。请将其加入 LOOKUP_TABLE，或选择与你的产品对应的预设。</translation>
        </message>
        <message>
            <source>Unknown land-cover lookup preset '{key}'; use one of {presets}.</source>
            <translation>未知的土地覆被查找表预设“{key}”；请使用以下之一：{presets}。</translation>
        </message>
        <message>
            <source>{what} '{text}' is not a finite number.</source>
            <translation>{what}“{text}”不是有限数值。</translation>
        </message>
        <message>
            <source>LOOKUP_TABLE must have {columns} values per row (class, grade); it has {n_values} value(s).</source>
            <translation>LOOKUP_TABLE 每行必须有 {columns} 个值（类别、等级）；实际有 {n_values} 个值。</translation>
        </message>
        <message>
            <source>Unknown EG scale '{scale}'; use one of {scales}.</source>
            <translation>未知的 EG 标度“{scale}”；请使用以下之一：{scales}。</translation>
        </message>
        <message>
            <source>{listed}, … ({count} codes)</source>
            <translation>{listed}，…（共 {count} 个代码）</translation>
        </message>
        <message>
            <source>LOOKUP_TABLE only</source>
            <translation>仅用 LOOKUP_TABLE</translation>
        </message>
        <message>
            <source>{name}: none of the land-cover codes of '{file}' ({listed}) is in the lookup ({label}), so every pixel would be NoData. Presets that know these codes: {presets}.</source>
            <translation>{name}：“{file}”的土地覆被代码（{listed}）均不在查找表（{label}）中，因此所有像元都将为 NoData。认识这些代码的预设：{presets}。</translation>
        </message>
        <message>
            <source> and {n} more</source>
            <translation>，另有 {n} 个</translation>
        </message>
        <message>
            <source>WINDOW must be an odd number of pixels ≥ 1 (got {window}).</source>
            <translation>WINDOW 必须是 ≥ 1 的奇数像元数（得到 {window}）。</translation>
        </message>
        <message>
            <source>Input '{name}' has no valid land-cover pixel; the EG index is undefined (NULL).</source>
            <translation>输入“{name}”没有有效的土地覆被像元；EG 指数无定义（NULL）。</translation>
        </message>
        <message>
            <source>The land-cover lookup is empty: no class has a grade. Choose a preset in LOOKUP or give class → grade rows in LOOKUP_TABLE.</source>
            <translation>土地覆被查找表为空：没有任何类别有等级。请在 LOOKUP 中选择预设，或在 LOOKUP_TABLE 中给出“类别 → 等级”行。</translation>
        </message>
        <message>
            <source>Every class of the land-cover lookup has grade {g_min:g}; the EG index is normalised by (g_max − g_min) and needs at least two different grades.</source>
            <translation>土地覆被查找表的所有类别等级均为 {g_min:g}；EG 指数按 (g_max − g_min) 归一化，至少需要两个不同的等级。</translation>
        </message>
        <message>
            <source>LOOKUP_TABLE: a row with grade '{grade}' has no class value.</source>
            <translation>LOOKUP_TABLE：等级为“{grade}”的一行没有类别值。</translation>
        </message>
        <message>
            <source>LOOKUP_TABLE: class {code} is given twice.</source>
            <translation>LOOKUP_TABLE：类别 {code} 重复给出。</translation>
        </message>
        <message>
            <source>Input 'ZONES': its CRS cannot be read ({exc}).</source>
            <translation>输入“ZONES”：无法读取其坐标系（{exc}）。</translation>
        </message>
        <message>
            <source>{code}: {n} pixel(s)</source>
            <translation>{code}：{n} 个像元</translation>
        </message>
        <message>
            <source>Input '{name}' has no land-cover pixel under a valid pixel of 'REFERENCE': do the two rasters overlap (check their extents and CRS)?</source>
            <translation>输入“{name}”在“REFERENCE”的有效像元下没有土地覆被像元：两个栅格是否重叠（请检查其范围和坐标系）？</translation>
        </message>
        <message>
            <source>{unknown} (FAIL_ON_UNKNOWN is set, so no output was written.)</source>
            <translation>{unknown}（已设置 FAIL_ON_UNKNOWN，因此未写入任何输出。）</translation>
        </message>
        <message>
            <source>{what} '{s}' is not a number.</source>
            <translation>{what}“{s}”不是数值。</translation>
        </message>
        <message>
            <source>LOOKUP_TABLE: class</source>
            <translation>LOOKUP_TABLE：类别</translation>
        </message>
        <message>
            <source>LOOKUP_TABLE: the grade of class {code},</source>
            <translation>LOOKUP_TABLE：类别 {code} 的等级</translation>
        </message>
        <message>
            <source>LOOKUP={i} ({label}: {n} of the {total} codes)</source>
            <translation>LOOKUP={i}（{label}：{total} 个代码中的 {n} 个）</translation>
        </message>
        <message>
            <source>Input '{name}' has no CRS, so it cannot be put on the REFERENCE grid.</source>
            <translation>输入“{name}”没有坐标系，因此无法放到 REFERENCE 格网上。</translation>
        </message>
        <message>
            <source>Scene {label}: no QA_PIXEL file was found beside the MTL, so clouds, shadows and snow are NOT masked (only fill and out-of-range values are).</source>
            <translation>影像 {label}：在 MTL 旁未找到 QA_PIXEL 文件，因此云、云阴影和雪均未被掩膜（仅掩膜填充值和超出范围的值）。</translation>
        </message>
        <message>
            <source>Input '{path}' has {count} band(s), so it has no {role} band {band} for {out}. Choose the band, or leave {out} unset.</source>
            <translation>输入“{path}”有 {count} 个波段，因此没有供 {out} 使用的 {role} 波段 {band}。请选择该波段，或不设置 {out}。</translation>
        </message>
        <message>
            <source>Scene {label}: the MTL has no SUN_ELEVATION for TOA reflectance.</source>
            <translation>影像 {label}：MTL 中没有计算大气层顶（TOA）反射率所需的 SUN_ELEVATION。</translation>
        </message>
        <message>
            <source>Input '{path}' is a composite without a {role} band (not every scene had a surface-temperature band), so {out} cannot be made; leave it unset.</source>
            <translation>输入“{path}”是缺少 {role} 波段的合成影像（并非每景影像都有地表温度波段），因此无法生成 {out}；请不要设置它。</translation>
        </message>
        <message>
            <source>(none chosen)</source>
            <translation>（未选择）</translation>
        </message>
        <message>
            <source>Sensor '{sensor_id}' ({spacecraft}) is not supported: use TM, ETM+ or OLI scenes (MSS has no SWIR bands for wetness and dryness).</source>
            <translation>不支持传感器“{sensor_id}”（{spacecraft}）：请使用 TM、ETM+ 或 OLI 影像（MSS 没有计算湿度和干度所需的短波红外波段）。</translation>
        </message>
        <message>
            <source>'{path}' is not a Landsat MTL file: it holds no metadata groups.</source>
            <translation>“{path}”不是 Landsat MTL 文件：其中没有元数据组。</translation>
        </message>
        <message>
            <source>The MTL file '{mtl_path}' does not exist.</source>
            <translation>MTL 文件“{mtl_path}”不存在。</translation>
        </message>
        <message>
            <source>'{mtl_path}' does not name a spacecraft or sensor; is it a Landsat MTL file?</source>
            <translation>“{mtl_path}”中没有卫星或传感器名称；它是 Landsat MTL 文件吗？</translation>
        </message>
        <message>
            <source>The MTL file '{mtl_path}' has no scale factor/offset for the {role} band '{name}'.</source>
            <translation>MTL 文件“{mtl_path}”中没有 {role} 波段“{name}”的缩放系数/偏移量。</translation>
        </message>
        <message>
            <source>Cannot read the MTL file '{path}' ({exc}).</source>
            <translation>无法读取 MTL 文件“{path}”（{exc}）。</translation>
        </message>
        <message>
            <source>'{path}' is not a readable Landsat MTL file ({exc}).</source>
            <translation>“{path}”不是可读的 Landsat MTL 文件（{exc}）。</translation>
        </message>
        <message>
            <source>Scene {label}: needs the {role} band file '{name}', which is missing. Download it with the scene, or leave that output unset.</source>
            <translation>影像 {label}：需要 {role} 波段文件“{name}”，但该文件缺失。请随影像一起下载它，或不设置该输出。</translation>
        </message>
        <message>
            <source>the {role} band (not listed in the MTL)</source>
            <translation>{role} 波段（MTL 中未列出）</translation>
        </message>
        <message>
            <source>Scene {label}: {output} needs the {role} band file '{name}', which is missing. Download it with the scene, or leave {output} unset.</source>
            <translation>影像 {label}：{output} 需要 {role} 波段文件“{name}”，但该文件缺失。请随影像一起下载它，或不设置 {output}。</translation>
        </message>
        <message>
            <source>Unknown QA condition '{name}'; use one of {conditions}.</source>
            <translation>未知的 QA 条件“{name}”；请使用以下之一：{conditions}。</translation>
        </message>
        <message>
            <source>its {items} and {last} differ</source>
            <translation>其{items}和{last}不同</translation>
        </message>
        <message>
            <source>No input raster was given.</source>
            <translation>未给出输入栅格。</translation>
        </message>
        <message>
            <source>its {item} differs</source>
            <translation>其{item}不同</translation>
        </message>
        <message>
            <source>Input '{name}' has {count} band(s); band {band} does not exist.</source>
            <translation>输入“{name}”有 {count} 个波段；波段 {band} 不存在。</translation>
        </message>
        <message>
            <source>Input {input} is not on the grid of {reference}: {differences}. {advice}</source>
            <translation>输入 {input} 不在 {reference} 的格网上：{differences}。{advice}</translation>
        </message>
        <message>
            <source>No output path was given.</source>
            <translation>未给出输出路径。</translation>
        </message>
        <message>
            <source>CRS</source>
            <translation>坐标系</translation>
        </message>
        <message>
            <source>size ({width}×{height} pixels instead of {ref_width}×{ref_height})</source>
            <translation>大小（{width}×{height} 像元，而非 {ref_width}×{ref_height}）</translation>
        </message>
        <message>
            <source>Input '{name}': cannot open raster '{path}' ({exc}).</source>
            <translation>输入“{name}”：无法打开栅格“{path}”（{exc}）。</translation>
        </message>
        <message>
            <source>Resample it onto {reference} first (Raster ‣ Projections ‣ Warp, or the resampling option of this tool where it has one).</source>
            <translation>请先将其重采样到 {reference} 上（栅格 ‣ 投影 ‣ 变形（重投影），或本工具的重采样选项，如果有的话）。</translation>
        </message>
        <message>
            <source>Cannot create output raster '{path}' ({exc}).</source>
            <translation>无法创建输出栅格“{path}”（{exc}）。</translation>
        </message>
        <message>
            <source>pixel size ({x:g}×{y:g} instead of {ref_x:g}×{ref_y:g})</source>
            <translation>像元大小（{x:g}×{y:g}，而非 {ref_x:g}×{ref_y:g}）</translation>
        </message>
        <message>
            <source>origin ({x:g}, {y:g} instead of {ref_x:g}, {ref_y:g})</source>
            <translation>原点（{x:g}, {y:g}，而非 {ref_x:g}, {ref_y:g}）</translation>
        </message>
        <message>
            <source>Input '{name}' or the grid it is put on has no CRS, so they cannot be overlaid.</source>
            <translation>输入“{name}”或其所放置的格网没有坐标系，因此无法叠加。</translation>
        </message>
        <message>
            <source>Unknown resampling '{resampling}'; use one of {methods}.</source>
            <translation>未知的重采样方法“{resampling}”；请使用以下之一：{methods}。</translation>
        </message>
        <message>
            <source>Input '{name}' has no CRS, so it cannot be resampled onto the reference grid.</source>
            <translation>输入“{name}”没有坐标系，因此无法重采样到参考格网上。</translation>
        </message>
        <message>
            <source>{pre}eigenvalues: {eigenvalues}</source>
            <translation>{pre}特征值：{eigenvalues}</translation>
        </message>
        <message>
            <source>{pre}PC1 explains {pc1_percent:.2f} % of the variance; PC1 range [{pc1_min:.6g}, {pc1_max:.6g}]</source>
            <translation>{pre}PC1 解释了 {pc1_percent:.2f} % 的方差；PC1 范围 [{pc1_min:.6g}, {pc1_max:.6g}]</translation>
        </message>
        <message>
            <source>Input '{name}'</source>
            <translation>输入“{name}”</translation>
        </message>
        <message>
            <source>Input '{name}' band {band} ({indicator})</source>
            <translation>输入“{name}”的波段 {band}（{indicator}）</translation>
        </message>
        <message>
            <source>The {indicator} computed from input '{name}'</source>
            <translation>由输入“{name}”计算的 {indicator}</translation>
        </message>
        <message>
            <source>Not enough free disk space beside the output for the {mb:.0f} MB scratch file of the indicator blocks: every pass reads the inputs.</source>
            <translation>输出位置旁的可用磁盘空间不足以存放 {mb:.0f} MB 的指标分块临时文件：每一遍都重新读取输入。</translation>
        </message>
        <message>
            <source>Percentiles of {approximate} interpolated inside a histogram bin (more than {limit} pixels in the needed bins); error below (max − min)/2^20.</source>
            <translation>{approximate} 的百分位数在直方图区间内插值得到（所需区间内像元超过 {limit} 个）；误差小于 (max − min)/2^20。</translation>
        </message>
        <message>
            <source>The percentile clip must be between 0 and 50 %, not {clip_percent:g}.</source>
            <translation>百分位截断必须在 0 到 50 % 之间，而不是 {clip_percent:g}。</translation>
        </message>
        <message>
            <source>minimum and maximum</source>
            <translation>最小值和最大值</translation>
        </message>
        <message>
            <source>Only {n} pixel(s) have all four indicators valid; the PCA needs at least 2.</source>
            <translation>四个指标均有效的像元只有 {n} 个；主成分分析至少需要 2 个。</translation>
        </message>
        <message>
            <source>PC1 is constant over the valid pixels, so RSEI cannot be rescaled (eq. 13).</source>
            <translation>PC1 在有效像元上为常数，因此无法对 RSEI 进行重新缩放（式 13）。</translation>
        </message>
        <message>
            <source>{pre}normalisation bounds (eq. 12) after percentile clipping: {bounds}; pixels used: {n}</source>
            <translation>{pre}百分位截断后的归一化界限（式 12）：{bounds}；所用像元数：{n}</translation>
        </message>
        <message>
            <source>{pre}normalisation bounds (eq. 12): {bounds}; pixels used: {n}</source>
            <translation>{pre}归一化界限（式 12）：{bounds}；所用像元数：{n}</translation>
        </message>
        <message>
            <source>{pre}PC1 loadings: {loadings} (sign flipped so that NDVI + WET − NDBSI − LST loadings &gt; 0)</source>
            <translation>{pre}PC1 载荷：{loadings}（已翻转符号，使 NDVI + WET − NDBSI − LST 的载荷 &gt; 0）</translation>
        </message>
        <message>
            <source>{pre}PC1 loadings: {loadings}</source>
            <translation>{pre}PC1 载荷：{loadings}</translation>
        </message>
        <message>
            <source>{pre}PC1 explains only {pc1_percent:.1f} % of the variance, below the {threshold:g} % usually required for PC1 to stand for the RSEI (Han et al. 2025, section 3.1). Interpret the RSEI with care.</source>
            <translation>{pre}PC1 仅解释了 {pc1_percent:.1f} % 的方差，低于 PC1 代表 RSEI 通常所需的 {threshold:g} %（Han 等，2025，第 3.1 节）。请谨慎解读 RSEI。</translation>
        </message>
        <message>
            <source>{pre}the PC1 loading of {odd} has an unexpected sign (expected NDVI, WET &gt; 0 and NDBSI, LST &lt; 0); the four indicators do not agree in this image.</source>
            <translation>{pre}{odd} 的 PC1 载荷符号异常（预期 NDVI、WET &gt; 0，NDBSI、LST &lt; 0）；四个指标在该影像中不一致。</translation>
        </message>
        <message>
            <source>Input '{name}' ({label})</source>
            <translation>输入“{name}”（{label}）</translation>
        </message>
        <message>
            <source>Input '{name}' ({file}) has {count} band(s); an indicator set needs 4 bands in the order NDVI, WET, NDBSI, LST.</source>
            <translation>输入“{name}”（{file}）有 {count} 个波段；指标组需要按 NDVI、WET、NDBSI、LST 顺序排列的 4 个波段。</translation>
        </message>
        <message>
            <source>Input '{name}' band {band} ({indicator}) ({label})</source>
            <translation>输入“{name}”的波段 {band}（{indicator}）（{label}）</translation>
        </message>
        <message>
            <source>Unknown wetness coefficients '{sensor}'; use one of {sensors}.</source>
            <translation>未知的湿度系数“{sensor}”；请使用以下之一：{sensors}。</translation>
        </message>
        <message>
            <source>The {indicator} computed from input '{name}' ({label})</source>
            <translation>由输入“{name}”计算的 {indicator}（{label}）</translation>
        </message>
        <message>
            <source>No pixel has all four indicators valid outside the mask, so the RSEI cannot be computed. No output was written.</source>
            <translation>掩膜以外没有四个指标均有效的像元，因此无法计算 RSEI。未写入任何输出。</translation>
        </message>
        <message>
            <source>{low:g}th and {high:g}th percentiles</source>
            <translation>第 {low:g} 和第 {high:g} 百分位数</translation>
        </message>
        <message>
            <source>{where} is constant (= {lo:g}) over the pixels where all four indicators are valid: its {what} are equal, so it cannot be normalised (eq. 12). No output was written.</source>
            <translation>{where}在四个指标均有效的像元上为常数（= {lo:g}）：其{what}相等，因此无法归一化（式 12）。未写入任何输出。</translation>
        </message>
        <message>
            <source>Resample all years onto one grid first.</source>
            <translation>请先将所有年份重采样到同一格网上。</translation>
        </message>
        <message>
            <source>Input '{name}' ({file}) has {count} band(s) and {what}. A composite from rsei:landsatcomposite has {n_bands}: {bands}.</source>
            <translation>输入“{name}”（{file}）有 {count} 个波段，且{what}。rsei:landsatcomposite 生成的合成影像有 {n_bands} 个波段：{bands}。</translation>
        </message>
        <message>
            <source>{where} has no valid pixel: it is entirely NoData. No output was written.</source>
            <translation>{where}没有有效像元：全部为 NoData。未写入任何输出。</translation>
        </message>
        <message>
            <source>No pixel has all four indicators valid ({label}) outside the mask, so the RSEI cannot be computed. No output was written.</source>
            <translation>掩膜以外没有四个指标均有效的像元（{label}），因此无法计算 RSEI。未写入任何输出。</translation>
        </message>
        <message>
            <source>no LST band (its scenes had no thermal band); the RSEI needs LST</source>
            <translation>没有 LST 波段（其影像没有热红外波段）；RSEI 需要 LST</translation>
        </message>
        <message>
            <source>no {bands} band(s)</source>
            <translation>没有 {bands} 波段</translation>
        </message>
        <message>
            <source>The token service {address} did not answer with a token and its 'msft:expiry' (the Planetary Computer SAS response shape).</source>
            <translation>令牌服务 {address} 未返回令牌及其“msft:expiry”（Planetary Computer SAS 响应格式）。</translation>
        </message>
        <message>
            <source>SAS token</source>
            <translation>SAS 令牌</translation>
        </message>
        <message>
            <source>The token service {address} refused to give a SAS token for the collection '{collection}' (HTTP {code}).</source>
            <translation>令牌服务 {address} 拒绝为集合“{collection}”提供 SAS 令牌（HTTP {code}）。</translation>
        </message>
        <message>
            <source>The token service {address} refused to give a SAS token for the collection '{collection}' (HTTP {code}); check the subscription key.</source>
            <translation>令牌服务 {address} 拒绝为集合“{collection}”提供 SAS 令牌（HTTP {code}）；请检查订阅密钥。</translation>
        </message>
        <message>
            <source>The STAC catalog {catalog} is not {kind}{proxy}: {exc}</source>
            <translation>STAC 目录 {catalog}{proxy} 不是{kind}：{exc}</translation>
        </message>
        <message>
            <source>The STAC catalog {catalog} could not be reached{proxy}: {exc}</source>
            <translation>无法访问 STAC 目录 {catalog}{proxy}：{exc}</translation>
        </message>
        <message>
            <source>{catalog} is not a STAC API with item search (its landing page has no item-search conformance class and no 'search' link).</source>
            <translation>{catalog} 不是支持条目搜索的 STAC API（其着陆页既没有 item-search 一致性类，也没有“search”链接）。</translation>
        </message>
        <message>
            <source>The search at {catalog} returned more than {max_pages} pages; narrow the years, months or area.</source>
            <translation>在 {catalog} 的搜索返回了超过 {max_pages} 页；请缩小年份、月份或范围。</translation>
        </message>
        <message>
            <source>The reply of {address} is not a STAC ItemCollection (no 'features' list); is {catalog} a STAC API?</source>
            <translation>{address} 的响应不是 STAC ItemCollection（没有“features”列表）；{catalog} 是 STAC API 吗？</translation>
        </message>
        <message>
            <source>The search's next link</source>
            <translation>搜索的下一页链接</translation>
        </message>
        <message>
            <source>The search at {catalog} returned a next link that repeats a page.</source>
            <translation>在 {catalog} 的搜索返回了重复某一页的下一页链接。</translation>
        </message>
        <message>
            <source>The STAC catalog {catalog} is not a STAC API: {exc}</source>
            <translation>STAC 目录 {catalog} 不是 STAC API：{exc}</translation>
        </message>
        <message>
            <source>STAC catalog</source>
            <translation>STAC 目录</translation>
        </message>
        <message>
            <source>a STAC API</source>
            <translation>STAC API</translation>
        </message>
        <message>
            <source>Asset '{key}' of item {item_id}</source>
            <translation>条目 {item_id} 的资产“{key}”</translation>
        </message>
        <message>
            <source>a STAC API with item search</source>
            <translation>支持条目搜索的 STAC API</translation>
        </message>
        <message>
            <source>STAC search</source>
            <translation>STAC 搜索</translation>
        </message>
        <message>
            <source>The p values changed between the passes of the false discovery rate ({m_before} then {m} values); the temporary raster was modified during the run.</source>
            <translation>错误发现率的各轮计算之间 p 值发生了变化（先为 {m_before} 个，后为 {m} 个）；临时栅格在运行期间被修改。</translation>
        </message>
        <message>
            <source>{n} values per series but {size} times were given.</source>
            <translation>每个序列有 {n} 个值，但给出了 {size} 个时间。</translation>
        </message>
        <message>
            <source>The times must be strictly increasing (sorted, no duplicates).</source>
            <translation>时间必须严格递增（已排序且无重复）。</translation>
        </message>
        <message>
            <source>Unknown trend test '{method}'; use one of {methods}.</source>
            <translation>未知的趋势检验“{method}”；请使用以下之一：{methods}。</translation>
        </message>
        <message>
            <source>SIGNIFICANCE: unknown option '{significance}'; use one of {levels}.</source>
            <translation>SIGNIFICANCE：未知选项“{significance}”；请使用以下之一：{levels}。</translation>
        </message>
        <message>
            <source>{size} years for {n_paths} input rasters.</source>
            <translation>{n_paths} 个输入栅格对应 {size} 个年份。</translation>
        </message>
        <message>
            <source>Duplicate years: each input must have its own year.</source>
            <translation>年份重复：每个输入必须有自己的年份。</translation>
        </message>
        <message>
            <source>MIN_YEARS is {min_years} but only {n_paths} rasters were given; every pixel would be NoData.</source>
            <translation>MIN_YEARS 为 {min_years}，但只给出了 {n_paths} 个栅格；所有像元都将为 NoData。</translation>
        </message>
        <message>
            <source>Inputs were not in time order; they are used sorted by year.</source>
            <translation>输入未按时间顺序排列；已按年份排序后使用。</translation>
        </message>
        <message>
            <source>{undefined} pixel(s) have a slope but no p-value: the corrected variance of S was not positive ({method}); their Z, p and class are NoData.</source>
            <translation>{undefined} 个像元有斜率但没有 p 值：S 的校正方差不为正（{method}）；其 Z、p 和类别为 NoData。</translation>
        </message>
        <message>
            <source>Benjamini–Hochberg over {tested_pixels} pixels with a p value at α = {alpha:g}: {significant_per_pixel} significant per pixel (p &lt; α), {significant_fdr} under the false discovery rate (q ≤ α, p ≤ {fdr_threshold_p:.4g}); the trend classes use the {classes_use} significance.</source>
            <translation>对 {tested_pixels} 个有 p 值的像元进行 Benjamini–Hochberg 校正，α = {alpha:g}：逐像元显著 {significant_per_pixel} 个（p &lt; α），按错误发现率显著 {significant_fdr} 个（q ≤ α，p ≤ {fdr_threshold_p:.4g}）；趋势类别采用{classes_use}显著性。</translation>
        </message>
        <message>
            <source>{name} has {count} bands; only band 1 is used.</source>
            <translation>{name} 有 {count} 个波段；只使用波段 1。</translation>
        </message>
        <message>
            <source>per pixel</source>
            <translation>逐像元</translation>
        </message>
        <message>
            <source>Too few values ({size}) to find a break with at least {min_points} values on each side; give BREAK_YEAR.</source>
            <translation>值太少（{size} 个），无法找到两侧各至少 {min_points} 个值的断点；请给出 BREAK_YEAR。</translation>
        </message>
        <message>
            <source>Duplicate time(s) {dup}: each time must appear once.</source>
            <translation>时间重复 {dup}：每个时间只能出现一次。</translation>
        </message>
        <message>
            <source>The series has {size} valid value(s); at least 4 are needed (the quadratic has 3 coefficients and its band needs one degree of freedom).</source>
            <translation>该序列有 {size} 个有效值；至少需要 4 个（二次曲线有 3 个系数，其置信带还需要一个自由度）。</translation>
        </message>
        <message>
            <source>BREAK_YEAR {brk:g} leaves {n_before} value(s) at or before it and {n_after} after it; each segment needs at least 2.</source>
            <translation>BREAK_YEAR {brk:g} 之前（含）有 {n_before} 个值，之后有 {n_after} 个值；每段至少需要 2 个。</translation>
        </message>
        <message>
            <source>{parameter} parameter</source>
            <translation>{parameter} 参数</translation>
        </message>
        <message>
            <source>Duplicate year(s) {duplicates} (from the {source}); each input must have its own year. Set {parameter} explicitly.</source>
            <translation>年份重复 {duplicates}（来自{source}）；每个输入必须有自己的年份。请明确设置 {parameter}。</translation>
        </message>
        <message>
            <source>MONTHS is empty; give a range such as 6-9 or a list such as 5,6,7.</source>
            <translation>MONTHS 为空；请给出范围（如 6-9）或列表（如 5,6,7）。</translation>
        </message>
        <message>
            <source>{parameter} is empty; give a range such as 2000-2024 or a list such as 2000,2005,2010.</source>
            <translation>{parameter} 为空；请给出范围（如 2000-2024）或列表（如 2000,2005,2010）。</translation>
        </message>
        <message>
            <source>{parameter} lists {n_years} value(s) but {n_paths} input raster(s) were given; give exactly one year per input, in the order of the inputs.</source>
            <translation>{parameter} 列出了 {n_years} 个值，但给出了 {n_paths} 个输入栅格；请按输入顺序为每个输入给出恰好一个年份。</translation>
        </message>
        <message>
            <source>file names</source>
            <translation>文件名</translation>
        </message>
        <message>
            <source>MONTHS: '{part}' is not a month or a range of months (e.g. 6-9, 11-2, 5,6,7).</source>
            <translation>MONTHS：“{part}”不是月份或月份范围（例如 6-9、11-2、5,6,7）。</translation>
        </message>
        <message>
            <source>{parameter}: '{part}' is not a year or a range of years (e.g. 2000-2024, 2000,2005).</source>
            <translation>{parameter}：“{part}”不是年份或年份范围（例如 2000-2024、2000,2005）。</translation>
        </message>
        <message>
            <source>{parameter}: the range '{part}' runs backwards.</source>
            <translation>{parameter}：范围“{part}”是倒序的。</translation>
        </message>
        <message>
            <source>{parameter}: every year must be a finite number, not '{part}'.</source>
            <translation>{parameter}：每个年份都必须是有限数值，而不是“{part}”。</translation>
        </message>
        <message>
            <source>Cannot tell the year of '{path}': its name has more than one four-digit year. Give the years in {parameter}, in the order of the inputs.</source>
            <translation>无法确定“{path}”的年份：其文件名中有多个四位数年份。请按输入顺序在 {parameter} 中给出年份。</translation>
        </message>
        <message>
            <source>1…n (no single four-digit year in every file name)</source>
            <translation>1…n（并非每个文件名中都恰有一个四位数年份）</translation>
        </message>
        <message>
            <source>MONTHS: {v} is not a month (1–12).</source>
            <translation>MONTHS：{v} 不是月份（1–12）。</translation>
        </message>
        <message>
            <source>{parameter}: {y} is not a Landsat year (1972 onwards).</source>
            <translation>{parameter}：{y} 不是 Landsat 年份（1972 年起）。</translation>
        </message>
        <message>
            <source>{parameter}: '{part}' is not a number; give one number per input, separated by commas.</source>
            <translation>{parameter}：“{part}”不是数值；请为每个输入给出一个数值，以逗号分隔。</translation>
        </message>
        <message>
            <source>Cannot tell the year of '{path}': its name has no four-digit year. Give the years in {parameter}, in the order of the inputs.</source>
            <translation>无法确定“{path}”的年份：其文件名中没有四位数年份。请按输入顺序在 {parameter} 中给出年份。</translation>
        </message>
        <message>
            <source>Input '{name}' is a rotated raster; warp it to a north-up grid first.</source>
            <translation>输入“{name}”是旋转栅格；请先将其变形（重投影）到正北朝上的格网。</translation>
        </message>
        <message>
            <source>Unknown statistic(s) {unknown}; use {statistics}.</source>
            <translation>未知的统计量 {unknown}；请使用 {statistics}。</translation>
        </message>
        <message>
            <source>Input 'ZONES': the layer has no polygon.</source>
            <translation>输入“ZONES”：该图层没有多边形。</translation>
        </message>
        <message>
            <source>Input 'INPUT': give at least one raster.</source>
            <translation>输入“INPUT”：请至少给出一个栅格。</translation>
        </message>
        <message>
            <source>{n_zids} zone(s) lie outside the raster(s) {rasters}{more} (no pixel centre on the raster): {listed}. Their statistics there are NULL.</source>
            <translation>{n_zids} 个分区位于栅格 {rasters}{more} 之外（栅格上没有像元中心）：{listed}。它们在该处的统计量为 NULL。</translation>
        </message>
        <message>
            <source>Zone(s) {zids} contain no pixel centre of the raster(s) {rasters}{more} (smaller than a pixel?): their statistics there are NULL; ALL_TOUCHED counts every pixel a zone touches.</source>
            <translation>分区 {zids} 不包含栅格 {rasters}{more} 的任何像元中心（小于一个像元？）：它们在该处的统计量为 NULL；ALL_TOUCHED 会计入分区接触到的每个像元。</translation>
        </message>
        <message>
            <source>Zone(s) {partly} lie partly outside a raster: their statistics use the part on the raster (see the valid share).</source>
            <translation>分区 {partly} 部分位于栅格之外：其统计量使用栅格上的部分（见有效比例）。</translation>
        </message>
        <message>
            <source>{parameter} lists {n_names} name(s) but {count} input raster(s) were given; give exactly one variable name per input, in the order of the inputs.</source>
            <translation>{parameter} 列出了 {n_names} 个名称，但给出了 {count} 个输入栅格；请按输入顺序为每个输入给出恰好一个变量名。</translation>
        </message>
        <message>
            <source>{parameter}: no variable name for '{given}' (its name is only a year); give the names in {parameter}, e.g. rsei,rsei,precip,precip.</source>
            <translation>{parameter}：“{given}”没有变量名（其名称只是一个年份）；请在 {parameter} 中给出名称，例如 rsei,rsei,precip,precip。</translation>
        </message>
        <message>
            <source>{parameter}: the variable name '{name}' must start with a letter.</source>
            <translation>{parameter}：变量名“{name}”必须以字母开头。</translation>
        </message>
    </context>
</TS>
