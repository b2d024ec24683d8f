<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../reader/ui/aboutdialog.py" line="14" />
            <source>About s1reader</source>
            <translation>关于 s1reader</translation>
        </message>
        <message>
            <location filename="../../reader/ui/aboutdialog.py" line="18" />
            <source>An offline reader for Stage1st (S1) forum thread archives.</source>
            <translation>Stage1st（S1）论坛备份帖的离线阅读器。</translation>
        </message>
        <message>
            <location filename="../../reader/ui/aboutdialog.py" line="22" />
            <source>Qt %1 · PySide6 %2</source>
            <translation>Qt %1 · PySide6 %2</translation>
        </message>
    </context>
    <context>
        <name>Actions</name>
        <message>
            <location filename="../../reader/ui/actions.py" line="27" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="28" />
            <source>&amp;View</source>
            <translation>查看(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="29" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="33" />
            <source>Import &amp;files…</source>
            <translation>导入文件(&amp;F)…</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="35" />
            <source>Import f&amp;older…</source>
            <translation>导入文件夹(&amp;O)…</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="37" />
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="39" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="41" />
            <source>&amp;Go to floor…</source>
            <translation>跳到楼层(&amp;G)…</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="43" />
            <source>&amp;Copy post text</source>
            <translation>复制帖子文本(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="45" />
            <source>Open post as &amp;text</source>
            <translation>以文本打开帖子(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="47" />
            <source>&amp;Filter library</source>
            <translation>筛选帖子列表(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="49" />
            <source>Zoom &amp;in</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="51" />
            <source>Zoom &amp;out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="53" />
            <source>&amp;Reset zoom</source>
            <translation>重置缩放(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="55" />
            <source>F&amp;ull screen</source>
            <translation>全屏(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/actions.py" line="57" />
            <source>&amp;About s1reader</source>
            <translation>关于 s1reader(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>后退(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Forward</source>
            <translation>前进(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Find in thread…</source>
            <translation>帖内查找(&amp;F)…</translation>
        </message>
        <message>
            <source>Find &amp;next</source>
            <translation>查找下一个(&amp;N)</translation>
        </message>
        <message>
            <source>Find pre&amp;vious</source>
            <translation>查找上一个(&amp;V)</translation>
        </message>
        <message>
            <source>Only the thread &amp;starter</source>
            <translation>只看楼主(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Authors</source>
            <translation>作者(&amp;A)</translation>
        </message>
        <message>
            <source>Fold/unfold &amp;quotes of this post</source>
            <translation>折叠/展开本楼引用(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Expand all quotes</source>
            <translation>展开全部引用(&amp;E)</translation>
        </message>
        <message>
            <source>Fold all &amp;quotes</source>
            <translation>折叠全部引用(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Conversation of this post…</source>
            <translation>查看对话(&amp;C)…</translation>
        </message>
        <message>
            <source>Blocked users, highlights and &amp;rules…</source>
            <translation>屏蔽、高亮与规则(&amp;R)…</translation>
        </message>
    </context>
    <context>
        <name>ImageSource</name>
        <message>
            <location filename="../../reader/ui/imagesource.py" line="84" />
            <source>Image not cached</source>
            <translation>图片未缓存</translation>
        </message>
    </context>
    <context>
        <name>ImportBanner</name>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="56" />
            <source>This is a demo thread. Import your archive files (.md) to read your own threads — or drop them onto this window.</source>
            <translation>这是演示帖。导入你的存档文件（.md）来阅读自己的帖子——也可以直接把文件拖到窗口里。</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="59" />
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
    </context>
    <context>
        <name>ImportErrorsDialog</name>
        <message>
            <location filename="../../reader/ui/importerrors.py" line="23" />
            <source>Import problems</source>
            <translation>导入问题</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importerrors.py" line="26" />
            <source>%1 files could not be imported (%2 imported or unchanged).</source>
            <translation>%1 个文件无法导入（%2 个已导入或未变化）。</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importerrors.py" line="29" />
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importerrors.py" line="29" />
            <source>Line</source>
            <translation>行</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importerrors.py" line="29" />
            <source>Problem</source>
            <translation>问题</translation>
        </message>
    </context>
    <context>
        <name>ImportFlow</name>
        <message>
            <location filename="../../reader/ui/importflow.py" line="39" />
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importflow.py" line="39" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importflow.py" line="40" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importflow.py" line="63" />
            <source>Importing %1 of %2 files…
%3</source>
            <translation>正在导入第 %1 / %2 个文件…
%3</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importflow.py" line="83" />
            <source>Import failed</source>
            <translation>导入失败</translation>
        </message>
        <message>
            <location filename="../../reader/ui/importflow.py" line="84" />
            <source>The import stopped with an error:
%1</source>
            <translation>导入因错误而中止：
%1</translation>
        </message>
    </context>
    <context>
        <name>LibraryPane</name>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="67" />
            <source>Filter by title or tid</source>
            <translation>按标题或 tid 筛选</translation>
        </message>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="70" />
            <location filename="../../reader/ui/librarypane.py" line="103" />
            <source>Last post</source>
            <translation>最后回复</translation>
        </message>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="70" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="71" />
            <source>Size</source>
            <translation>帖数</translation>
        </message>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="103" />
            <source>Thread</source>
            <translation>帖子</translation>
        </message>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="103" />
            <source>Posts</source>
            <translation>帖数</translation>
        </message>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="103" />
            <source>Unread</source>
            <translation>未读</translation>
        </message>
        <message>
            <location filename="../../reader/ui/librarypane.py" line="136" />
            <source>No longer reachable on the forum (0无法访问)</source>
            <translation>论坛上已无法访问（0无法访问）</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="168" />
            <source>Floor %1 / %2</source>
            <translation>第 %1 楼 / 共 %2 楼</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="183" />
            <source>Import archive files</source>
            <translation>导入存档文件</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="184" />
            <source>Thread archives (*.md *.txt);;All files (*)</source>
            <translation>帖子存档 (*.md *.txt);;所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="191" />
            <source>Import a folder</source>
            <translation>导入文件夹</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="203" />
            <source>Imported %1 files: %2 new posts, %3 updated, %4 failed.</source>
            <translation>已导入 %1 个文件：新增 %2 帖，更新 %3 帖，失败 %4 个。</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="230" />
            <source>Go to floor</source>
            <translation>跳到楼层</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="230" />
            <source>Floor:</source>
            <translation>楼层：</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="243" />
            <source>Post text copied.</source>
            <translation>已复制帖子文本。</translation>
        </message>
        <message>
            <location filename="../../reader/ui/mainwindow.py" line="274" />
            <source>Zoom %1%</source>
            <translation>缩放 %1%</translation>
        </message>
    </context>
    <context>
        <name>PostDelegate</name>
        <message>
            <location filename="../../reader/ui/postdelegate.py" line="231" />
            <source>OP</source>
            <translation>楼主</translation>
        </message>
        <message>
            <location filename="../../reader/ui/postdelegate.py" line="233" />
            <source>New</source>
            <translation>新</translation>
        </message>
        <message>
            <location filename="../../reader/ui/postdelegate.py" line="248" />
            <source>edited by %1 at %2</source>
            <translation>本帖最后由 %1 于 %2 编辑</translation>
        </message>
        <message>
            <location filename="../../reader/ui/postdelegate.py" line="284" />
            <source>Go to floor %1</source>
            <translation>跳到 %1 楼</translation>
        </message>
        <message>
            <source>Blocked: %1</source>
            <translation>已屏蔽：%1</translation>
        </message>
        <message>
            <source>Hidden by a keyword rule: %1</source>
            <translation>关键词规则已折叠：%1</translation>
        </message>
        <message>
            <source>click to peek</source>
            <translation>点击查看</translation>
        </message>
        <message numerus="yes">
            <source>%n replies</source>
            <translation>
                <numerusform>%n 回复</numerusform>
            </translation>
        </message>
        <message>
            <source>Only this author · right-click for more</source>
            <translation>只看该作者 · 右键查看更多</translation>
        </message>
        <message>
            <source>List the replies</source>
            <translation>列出回复</translation>
        </message>
    </context>
    <context>
        <name>PostHtml</name>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="75" />
            <source>The author is banned or deleted; the content is hidden automatically.</source>
            <translation>提示: 作者被禁止或删除 内容自动屏蔽</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="80" />
            <source>This post was hidden by a moderator.</source>
            <translation>提示: 该帖被管理员或版主屏蔽</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="88" />
            <source>(empty post)</source>
            <translation>（空帖）</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="105" />
            <source>attachment</source>
            <translation>附件</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="111" />
            <source>downloads: %1</source>
            <translation>下载次数: %1</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="119" />
            <source>uploaded %1</source>
            <translation>%1 上传</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="124" />
            <source>Attachment</source>
            <translation>附件</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="154" />
            <source>someone</source>
            <translation>某人</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="156" />
            <source>posted at</source>
            <translation>发表于</translation>
        </message>
        <message>
            <location filename="../../reader/ui/posthtml.py" line="178" />
            <source>Rated by %1 · %2</source>
            <translation>评分 · 参与人数 %1 · 战斗力 %2</translation>
        </message>
        <message>
            <source>not in the local archive</source>
            <translation>不在本地存档</translation>
        </message>
        <message>
            <source>Blocked: %1</source>
            <translation>已屏蔽：%1</translation>
        </message>
        <message numerus="yes">
            <source>Expand · %n lines</source>
            <translation>
                <numerusform>展开 · %n 行</numerusform>
            </translation>
        </message>
        <message>
            <source>Fold</source>
            <translation>收起</translation>
        </message>
        <message>
            <source>other thread</source>
            <translation>其他帖子</translation>
        </message>
        <message>
            <source>Quote</source>
            <translation>引用</translation>
        </message>
    </context>
    <context>
        <name>PostViewer</name>
        <message>
            <location filename="../../reader/ui/postviewer.py" line="19" />
            <source>Floor %1 · %2</source>
            <translation>%1 楼 · %2</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../reader/ui/settingsdialog.py" line="11" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../reader/ui/settingsdialog.py" line="13" />
            <location filename="../../reader/ui/settingsdialog.py" line="17" />
            <source>Follow the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <location filename="../../reader/ui/settingsdialog.py" line="17" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location filename="../../reader/ui/settingsdialog.py" line="18" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../../reader/ui/settingsdialog.py" line="27" />
            <source>Language:</source>
            <translation>语言：</translation>
        </message>
        <message>
            <location filename="../../reader/ui/settingsdialog.py" line="28" />
            <source>Theme:</source>
            <translation>主题：</translation>
        </message>
        <message>
            <location filename="../../reader/ui/settingsdialog.py" line="29" />
            <source>A new language applies fully after a restart.</source>
            <translation>更换语言后需要重启才能完全生效。</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Show all posts</source>
            <translation>返回全部楼层</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>Find in thread</source>
            <translation>帖内查找</translation>
        </message>
        <message>
            <source>Previous match (Shift+Enter)</source>
            <translation>上一个（Shift+Enter）</translation>
        </message>
        <message>
            <source>Next match (Enter, F3)</source>
            <translation>下一个（Enter、F3）</translation>
        </message>
        <message>
            <source>No matches</source>
            <translation>无匹配</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>第 %1 / %2 处</translation>
        </message>
    </context>
    <context>
        <name>AuthorsPanel</name>
        <message>
            <source>Find an author</source>
            <translation>查找作者</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>作者</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>帖数</translation>
        </message>
        <message>
            <source>Click an author to show only their posts; Ctrl+click for several. Double-click: author page.</source>
            <translation>单击作者只看其发言，Ctrl+单击可多选；双击打开作者页。</translation>
        </message>
    </context>
    <context>
        <name>AuthorPage</name>
        <message>
            <source>Author: %1</source>
            <translation>作者：%1</translation>
        </message>
        <message>
            <source>No posts by %1 in the library.</source>
            <translation>本地存档中没有 %1 的发言。</translation>
        </message>
        <message>
            <source>%1 posts in %2 threads · first seen %3 · last seen %4</source>
            <translation>共 %1 帖，分布在 %2 个主题 · 首次出现 %3 · 最近出现 %4</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Thread</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Floor</source>
            <translation>楼层</translation>
        </message>
        <message>
            <source>First line</source>
            <translation>首行</translation>
        </message>
        <message>
            <source>Board</source>
            <translation>版块</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>帖数</translation>
        </message>
        <message>
            <source>First</source>
            <translation>首帖</translation>
        </message>
        <message>
            <source>Last</source>
            <translation>末帖</translation>
        </message>
        <message>
            <source>Threads</source>
            <translation>主题数</translation>
        </message>
    </context>
    <context>
        <name>MarksDialog</name>
        <message>
            <source>Blocked users, highlights and rules</source>
            <translation>屏蔽、高亮与规则</translation>
        </message>
        <message>
            <source>Blocked users</source>
            <translation>屏蔽用户</translation>
        </message>
        <message>
            <source>Highlighted users</source>
            <translation>高亮用户</translation>
        </message>
        <message>
            <source>Keyword rules</source>
            <translation>关键词规则</translation>
        </message>
        <message>
            <source>Display</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>User</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>添加于</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>到期</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Why (optional)</source>
            <translation>原因（可选）</translation>
        </message>
        <message>
            <source>never expires</source>
            <translation>永不过期</translation>
        </message>
        <message>
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Remove selected</source>
            <translation>删除所选</translation>
        </message>
        <message>
            <source>Pattern</source>
            <translation>关键词</translation>
        </message>
        <message>
            <source>Applies to</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>动作</translation>
        </message>
        <message>
            <source>Word or regular expression</source>
            <translation>关键词或正则表达式</translation>
        </message>
        <message>
            <source>Regex</source>
            <translation>正则</translation>
        </message>
        <message>
            <source>Word</source>
            <translation>关键词</translation>
        </message>
        <message>
            <source>Collapse posts</source>
            <translation>折叠帖子</translation>
        </message>
        <message>
            <source>Hide posts</source>
            <translation>隐藏帖子</translation>
        </message>
        <message>
            <source>Hide threads by title</source>
            <translation>按标题隐藏主题</translation>
        </message>
        <message>
            <source>never fold</source>
            <translation>从不折叠</translation>
        </message>
        <message>
            <source>Fold quotes longer than (lines):</source>
            <translation>引用超过以下行数时折叠：</translation>
        </message>
        <message>
            <source>Collapse to one line (click to peek)</source>
            <translation>折叠为一行（点击查看）</translation>
        </message>
        <message>
            <source>Hide entirely</source>
            <translation>完全隐藏</translation>
        </message>
        <message>
            <source>Posts of blocked users:</source>
            <translation>被屏蔽用户的帖子：</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从不</translation>
        </message>
    </context>
    <context>
        <name>ReadingTools</name>
        <message>
            <source>Authors</source>
            <translation>作者</translation>
        </message>
        <message>
            <source>Reading</source>
            <translation>阅读</translation>
        </message>
        <message>
            <source>That post is not in the library</source>
            <translation>该帖不在本地存档</translation>
        </message>
        <message numerus="yes">
            <source>Conversation (%n posts)</source>
            <translation>
                <numerusform>对话（%n 帖）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Only posts by %1 (%n posts)</source>
            <translation>
                <numerusform>只看该作者：%1（%n 帖）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Only the thread starter %1 (%n posts)</source>
            <translation>
                <numerusform>只看楼主：%1（%n 帖）</numerusform>
            </translation>
        </message>
        <message>
            <source>Blocked %1</source>
            <translation>已屏蔽 %1</translation>
        </message>
        <message>
            <source>Only this author: %1</source>
            <translation>只看该作者：%1</translation>
        </message>
        <message>
            <source>Author page…</source>
            <translation>作者页…</translation>
        </message>
        <message numerus="yes">
            <source>%n replies…</source>
            <translation>
                <numerusform>%n 回复…</numerusform>
            </translation>
        </message>
        <message>
            <source>Conversation…</source>
            <translation>对话…</translation>
        </message>
        <message>
            <source>Unblock %1</source>
            <translation>取消屏蔽 %1</translation>
        </message>
        <message>
            <source>Block %1</source>
            <translation>屏蔽 %1</translation>
        </message>
        <message>
            <source>Remove highlight of %1</source>
            <translation>取消高亮 %1</translation>
        </message>
        <message>
            <source>Highlight %1</source>
            <translation>高亮 %1</translation>
        </message>
    </context>
</TS>