"""Vietnamese phrases: customers, agents, the curt agent, the bot and survey comments."""

from __future__ import annotations

from cxqa.demo.phrasebook import AgentLines, CurtLines, CustomerLines, PhraseBook
from cxqa.demo.topics_vi import TOPICS_VI

CUSTOMER = CustomerLines(
    hello=(
        "Shop ơi",
        "Chào shop",
        "Alo shop",
        "Em ơi",
        "Chào bạn",
        "Cho mình hỏi chút",
        "Hello shop",
        "Ad ơi",
    ),
    phone_hello=(
        "Alo, em ơi.",
        "Alo, cho {self} hỏi chút.",
        "Ừ em, {self} muốn hỏi về đơn hàng.",
        "Alo, {self} gọi về đơn hàng của {self}.",
        "Em ơi cho hỏi cái.",
    ),
    give_code=(
        "Mã đơn {code} nha",
        "{code}",
        "Mã là {code} em ơi",
        "Đây bạn: {code}",
        "Mình gửi mã {code}",
        "Của mình là {code} nhé",
    ),
    angry=(
        "Làm ăn kiểu gì vậy?",
        "Bực mình thật sự.",
        "Trả lời nhanh giúp cái!",
        "Tôi sẽ đánh giá 1 sao cho shop.",
        "Mua hàng bên này mệt mỏi quá.",
        "Lần sau không mua nữa.",
    ),
    angry_again=(
        "Làm ăn kiểu gì vậy?",
        "Nói mãi mà không giải quyết được à?",
        "Thế giờ tôi phải làm sao?",
        "Các bạn trả lời kiểu gì vậy?",
        "Lần nào cũng vậy, chán thật sự.",
        "Tôi muốn huỷ đơn!",
    ),
    thanks=(
        "Dạ vâng, cảm ơn em.",
        "Ok cảm ơn shop nhé.",
        "Vậy được rồi, cảm ơn bạn.",
        "Ok em, {self} đợi nhé.",
        "À vậy hả, cảm ơn em nhiều.",
        "Ừ được, cảm ơn em.",
        "Oke shop.",
    ),
    unsatisfied=(
        "Vậy giờ mình phải làm sao?",
        "Thôi được rồi, mình đợi thêm vậy.",
        "Trả lời vậy thì mình biết hỏi ai?",
        "Ừ, vậy thôi.",
        "Vậy là không giải quyết được à?",
    ),
    done=(
        "Không em, vậy thôi.",
        "Hết rồi, cảm ơn em.",
        "Không có gì nữa đâu, cảm ơn em.",
        "Thế thôi em nhé.",
        "Ok hết rồi.",
    ),
    repeat=(
        "Mình liên hệ lần thứ 2 rồi đấy.",
        "Hôm qua mình đã hỏi rồi mà vẫn chưa thấy gì.",
        "Em ơi, hôm trước bên em hẹn xử lý mà giờ vẫn chưa được.",
        "Tôi liên hệ mấy lần rồi đấy!",
        "Lại là mình đây, vụ đơn hôm trước vẫn chưa xong.",
    ),
    callback=(
        "Alo, nãy {self} gọi mà chờ lâu quá không ai nghe máy.",
        "Gọi mãi mới được em ạ.",
        "Nãy {self} gọi bị dập máy, giờ gọi lại.",
    ),
    correction=(
        "Không phải, mã của mình là {code} mà.",
        "Ủa đơn đó đâu phải của mình, mình hỏi đơn {code}.",
        "Em xem nhầm rồi, đơn {code} cơ.",
    ),
    bot_choice=("4", "Gặp nhân viên", "gặp người thật", "1", "Tư vấn viên", "2"),
)

AGENT = AgentLines(
    greet_written=(
        "Dạ em chào {xung}, em là {agent} bên {brand} ạ.",
        "Dạ {brand} xin chào {xung} ạ, em là {agent}, em hỗ trợ {xung} ngay ạ.",
        "Em chào {xung} ạ, em là {agent} – nhân viên chăm sóc khách hàng của {brand}.",
        "Dạ em {agent} bên {brand} xin chào {xung}, cảm ơn {xung} đã nhắn tin cho shop ạ.",
    ),
    greet_email=(
        "Dạ em chào {xung} {customer}, em là {agent} bên {brand}. Em cảm ơn {xung} đã gửi "
        "email cho bên em ạ.",
        "Kính gửi {xung} {customer},\n\nEm là {agent}, bộ phận chăm sóc khách hàng {brand}.",
    ),
    greet_phone=(
        "{brand} xin nghe, em là {agent}, em có thể hỗ trợ gì cho {xung} ạ?",
        "Dạ {brand} xin chào, em là {agent}, em nghe đây ạ.",
        "Dạ em chào {xung}, em là {agent} tổng đài {brand}, em có thể giúp gì ạ?",
    ),
    bare_phone=("Alo.", "Dạ nghe.", "Vâng, nói đi ạ."),
    ask_code=(
        "Dạ {xung} vui lòng cho em xin {code_kind} để em kiểm tra giúp {xung} ạ.",
        "{Xung} cho em xin {code_kind} hoặc số điện thoại đặt hàng với ạ.",
        "Dạ {xung} gửi giúp em {code_kind} nhé ạ.",
        "Dạ để em hỗ trợ nhanh, {xung} cho em xin {code_kind} ạ.",
    ),
    checking=(
        "Dạ {xung} vui lòng chờ em kiểm tra trong giây lát ạ.",
        "Dạ em cảm ơn {xung}, {xung} đợi em một chút em kiểm tra ngay ạ.",
        "Dạ em đang kiểm tra thông tin đơn {code}, {xung} chờ em 1-2 phút nhé ạ.",
    ),
    hold=(
        "Dạ {xung} vui lòng giữ máy giúp em một chút để em kiểm tra ạ.",
        "{Xung} chờ máy giúp em khoảng một phút, em kiểm tra hệ thống ngay ạ.",
    ),
    hold_back=(
        "Dạ em cảm ơn {xung} đã chờ máy ạ.",
        "Dạ em xin lỗi đã để {xung} chờ lâu ạ.",
        "Dạ alo, em cảm ơn {xung} đã chờ ạ.",
    ),
    apology=(
        "Dạ em rất xin lỗi {xung} vì sự bất tiện này.",
        "Em thành thật xin lỗi {xung} vì trải nghiệm chưa tốt này ạ.",
        "Dạ em hiểu cảm giác của {xung} lúc này, em thay mặt {brand} xin lỗi {xung} ạ.",
        "Dạ em xin lỗi {xung} nhiều, đúng là bên em đã để {xung} phải chờ đợi.",
    ),
    closing_ask=(
        "{Xung} còn cần em hỗ trợ gì thêm không ạ?",
        "Dạ ngoài ra {xung} còn thắc mắc gì khác không ạ?",
        "Dạ {xung} cần em hỗ trợ thêm vấn đề gì nữa không ạ?",
    ),
    closing=(
        "Dạ em cảm ơn {xung} đã liên hệ {brand}. Chúc {xung} một ngày tốt lành ạ!",
        "Dạ cảm ơn {xung} đã tin tưởng {brand}, chúc {xung} buổi {daypart} vui vẻ ạ.",
        "Cảm ơn {xung} đã liên hệ. Nếu cần hỗ trợ thêm {xung} cứ liên hệ lại bên em nhé ạ!",
    ),
    mistake=(
        "Dạ đơn {wrong_code} của {xung} đã giao thành công hôm qua rồi ạ.",
        "Dạ em thấy đơn {wrong_code} đã huỷ từ tuần trước ạ.",
    ),
    mistake_fix=(
        "Dạ em xin lỗi, em nhầm đơn. Để em kiểm tra lại đơn {code} ạ.",
        "Dạ em xin lỗi {xung}, em xem nhầm mã, em kiểm tra lại ngay ạ.",
    ),
    transfer_out=(
        "Dạ trường hợp này {team} sẽ hỗ trợ {xung} tốt hơn, em xin phép chuyển {xung} sang ạ.",
        "Dạ em chuyển yêu cầu của {xung} sang {team} để xử lý ngay nhé ạ.",
    ),
    transfer_in=(
        "Dạ em chào {xung}, em là {agent} bên {team}, em đã nắm thông tin đơn {code} rồi ạ.",
        "Dạ em là {agent} phụ trách {team}, em tiếp nhận yêu cầu của {xung} ạ.",
    ),
    reopen_sorry=(
        "Dạ em xin lỗi {xung}, em kiểm tra lại ngay ạ.",
        "Dạ em rất tiếc, để em xử lý lại cho {xung} ngay ạ.",
    ),
    notes=(
        "KH báo đơn {code} chưa nhận được, đã tạo phiếu kiểm tra với kho.",
        "Đã chuyển BO xử lý {amount} cho đơn {code}.",
        "KH hơi nóng tính, cần ưu tiên gọi lại trong ngày.",
        "Check lại với shipper tuyến {hub}.",
        "KH thân thiết, xin duyệt voucher bồi thường 50k.",
        "Đã note lại trên phiếu, chờ kho phản hồi.",
    ),
)

CURT = CurtLines(
    pickup=("Alo.", "Nghe.", "Ừ."),
    ask_code=("Mã đơn?", "Gửi mã đơn.", "Số điện thoại đặt hàng?"),
    checking=("Đợi đi.", "Chờ.", "Đang xem."),
    mistake=("Đơn {wrong_code} giao rồi.", "Đơn {wrong_code} huỷ rồi mà."),
    resolved=("Đã xử lý.", "Mai giao.", "Xong rồi.", "Đã ghi nhận.", "Làm rồi, chờ đi."),
    unresolved=(
        "Không biết, hỏi bên giao hàng.",
        "Hệ thống ghi vậy thôi.",
        "Thì chờ thêm vài hôm.",
        "Cái này không phải bên tôi.",
        "Không làm được.",
    ),
    push_back=("Tôi nói rồi mà.", "Thì chờ đi.", "Không còn cách nào khác.", "Vậy thôi."),
    close=("Vậy thôi nhé.", "Rồi."),
)

VI = PhraseBook(
    language="vi",
    customer=CUSTOMER,
    agent=AGENT,
    curt=CURT,
    bot_greeting=(
        "Xin chào! Bot của {brand} đây 🤖. Anh/chị cần hỗ trợ về: 1. Tra cứu đơn hàng "
        "2. Đổi trả - hoàn tiền 3. Khuyến mãi 4. Gặp nhân viên",
        "Chào mừng anh/chị đến với {brand}! Em là trợ lý ảo, anh/chị vui lòng chọn nội dung "
        "cần hỗ trợ ạ.",
    ),
    bot_handoff=(
        "Dạ em đang kết nối anh/chị với nhân viên hỗ trợ, anh/chị vui lòng chờ trong giây lát ạ.",
        "Em đã chuyển cuộc trò chuyện cho tư vấn viên, anh/chị chờ chút nhé ạ.",
    ),
    bot_name="Sen Vàng Bot",
    team_labels={
        "cskh-shop": "bộ phận chăm sóc khách hàng",
        "giao-hang": "bộ phận giao hàng",
        "mang-xa-hoi": "bộ phận tư vấn online",
        "email-bo": "bộ phận xử lý hoàn tiền và khiếu nại",
    },
    code_kinds={"order": "mã đơn hàng", "tracking": "mã vận đơn"},
    dayparts={"morning": "sáng", "afternoon": "chiều", "evening": "tối"},
    survey_comments={
        "great": (
            "Bạn {agent} hỗ trợ rất nhiệt tình, cảm ơn shop!",
            "Nhân viên tư vấn nhanh, dễ thương.",
            "Giải quyết nhanh gọn, rất hài lòng.",
            "Em {agent} nói chuyện dễ nghe, xử lý nhanh.",
        ),
        "slow": (
            "Chờ phản hồi lâu quá.",
            "Nhắn tin cả tiếng mới có người trả lời.",
            "Phải chờ rất lâu mới được hỗ trợ.",
        ),
        "curt": (
            "Nhân viên trả lời cộc lốc, thái độ không tốt.",
            "Thái độ như vậy thì ai dám mua nữa.",
            "Nhân viên không lịch sự, trả lời cho có.",
        ),
        "unresolved": (
            "Vấn đề của tôi vẫn chưa được giải quyết.",
            "Hỏi mãi không ai trả lời được.",
            "Hứa xử lý mà không thấy gì.",
        ),
        "no_apology": ("Giao hàng chậm mà không một lời xin lỗi.", "Không ai xin lỗi khách cả."),
        "meh": ("Tạm được.", "Bình thường.", "Cũng ổn."),
    },
    topics=TOPICS_VI,
)
